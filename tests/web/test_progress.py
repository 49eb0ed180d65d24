"""The check-in form and the progress page: answers kept private unless shared, real SVG charts."""

import re

from attunement.services.instruments import SESSION_RATING, WEEKLY_CHECK_IN
from tests.web.forms import csrf_of

KEYS = [
    "glad", "needs_met", "count_on", "doubted_word", "long_view", "want_effort",
    "close_inside", "close_touch", "sharp_words", "found_way_back", "worn_out", "energy_left",
]  # fmt: skip


def answer(client, level: int, **sharing: str):
    page = client.get(f"/check-in/{WEEKLY_CHECK_IN}")
    form = {f"item-{key}": str(level) for key in KEYS}
    return client.post(
        f"/check-in/{WEEKLY_CHECK_IN}", data={**form, **sharing, "csrf_token": csrf_of(page)}
    )


def test_the_check_in_form_shows_every_question_and_says_it_is_not_validated(sam, client_for):
    page = client_for(sam).get(f"/check-in/{WEEKLY_CHECK_IN}")

    assert page.status_code == 200
    assert "not a validated questionnaire" in page.text
    assert len(re.findall(r'<fieldset class="question">', page.text)) == 12
    assert 'name="share_partner"' in page.text
    assert "checked" not in page.text  # nothing shared, nothing answered, until chosen


def test_a_saved_check_in_leads_to_a_progress_page_with_a_chart(sam, client_for):
    done = answer(client_for(sam), 3)

    assert done.status_code == 200
    assert done.url.path == "/progress"
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in done.text
    assert "Sam: " in done.text  # the chart's description names the line


def test_the_partner_sees_a_shared_check_in_and_not_a_private_one(sam, alex, client_for):
    answer(client_for(alex), 1)  # private
    alex_client = client_for(alex)

    before = client_for(sam).get("/progress").text
    answer(alex_client, 2, share_partner="yes")
    after = client_for(sam).get("/progress").text

    assert "Alex: no points yet" not in before
    assert "Alex:" not in before.split("<desc")[1].split("</desc>")[0]
    assert "Alex: 24 in the week of" in after
    assert "Alex: 12" not in after  # the private one stays private


def test_an_answer_off_the_scale_keeps_the_form(sam, client_for):
    client = client_for(sam)
    page = client.get(f"/check-in/{WEEKLY_CHECK_IN}")

    refused = client.post(
        f"/check-in/{WEEKLY_CHECK_IN}",
        data={"item-glad": "9", "item-needs_met": "3", "csrf_token": csrf_of(page)},
    )

    assert refused.status_code == 422
    assert "Please choose one of the answers offered" in refused.text
    assert re.search(r'name="item-needs_met" value="3"\s+checked', refused.text)


def test_an_unknown_instrument_is_404(sam, client_for):
    assert client_for(sam).get("/check-in/no-such-thing").status_code == 404


def test_the_session_rating_form_has_four_questions(sam, client_for):
    page = client_for(sam).get(f"/check-in/{SESSION_RATING}")

    assert len(re.findall(r'<fieldset class="question">', page.text)) == 4


def test_progress_needs_a_login(client):
    response = client.get("/progress", follow_redirects=False)

    assert response.status_code in (302, 303)
