"""The check-in page: rate, see private advice and the chart; out-of-range ratings refused."""

import pytest

from attunement.domain.parts import SelfQuality
from tests.web.forms import csrf_of


@pytest.fixture
def sam_client(client_for, sam):
    return client_for(sam)


def rate(client, value: str = "3", **extra: str):
    page = client.get("/check-ins")
    data = {"csrf_token": csrf_of(page), **{q.value: value for q in SelfQuality}, **extra}
    return client.post("/check-ins", data=data)


def test_a_check_in_shows_advice_and_a_point_on_the_chart(sam_client):
    first = sam_client.get("/check-ins")
    assert "No check-ins yet" in first.text

    response = rate(sam_client, "1", moment="before", exercise="six_fs")

    assert response.status_code == 200
    assert "Some parts seem close to the surface" in response.text
    assert "<polyline" in response.text


def test_a_rating_out_of_range_is_refused(sam_client):
    assert rate(sam_client, "9").status_code == 422


def test_the_partner_never_sees_anothers_check_ins(sam_client, client_for, alex):
    rate(sam_client, "1")
    partner_page = client_for(alex).get("/check-ins")
    assert "No check-ins yet" in partner_page.text
    assert "close to the surface" not in partner_page.text
