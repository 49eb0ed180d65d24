"""The private check-in, the neutral pause and the help pages (issue 6 item 1; domain.md §4)."""

import re
from dataclasses import replace
from typing import Any

import pytest

from attunement.domain.safety import QUESTIONS
from attunement.services import safety
from tests.fakes import URGENT_MARKER
from tests.web.forms import csrf_of, make_move

PAUSED = "Joint exercises are paused for now. Please talk to your therapist."


@pytest.fixture
def gated(app, wiring):
    """The production setting: a check-in before the first joint exercise."""
    app.state.components = replace(wiring, require_check_in=True)


def check_in(client, *, safe_now: bool = True, yes: tuple[str, ...] = (), note: str = ""):
    form = client.get("/safety/check-in")
    data = {"csrf_token": csrf_of(form), "safe_now": "yes" if safe_now else "no", "note": note}
    data |= {q.key: "yes" if q.key in yes else "no" for q in QUESTIONS}
    return client.post("/safety/check-in", data=data, follow_redirects=False)


def start(client) -> Any:
    return client.post(
        "/dialogues",
        data={"csrf_token": csrf_of(client.get("/")), "mode": "two_devices"},
        follow_redirects=False,
    )


def paused_section(page: str) -> str:
    found = re.search(r'<section class="card" id="joint-paused">.*?</section>', page, re.S)
    return found.group(0) if found else ""


def test_the_first_joint_exercise_waits_for_my_check_in(gated, client_for, sam, alex):
    client = client_for(sam)

    assert start(client).headers["location"] == "/safety/check-in"
    check_in(client)
    assert start(client).headers["location"].startswith("/dialogues/")


def test_the_check_in_is_offered_on_home_until_taken(client_for, sam, alex):
    client = client_for(sam)
    assert 'href="/safety/check-in"' in client.get("/").text

    check_in(client)

    assert "please take the short private" not in client.get("/").text


@pytest.mark.parametrize("key", [q.key for q in QUESTIONS])
def test_any_yes_pauses_joint_exercises_for_both(key, client_for, sam, alex):
    sams, alexs = client_for(sam), client_for(alex)

    check_in(alexs, yes=(key,))

    assert start(sams).status_code == 409
    assert paused_section(sams.get("/").text) == paused_section(alexs.get("/").text)
    assert PAUSED in sams.get("/").text


def test_all_no_pauses_nothing(client_for, sam, alex):
    sams, alexs = client_for(sam), client_for(alex)

    check_in(alexs)

    assert PAUSED not in sams.get("/").text
    assert start(sams).status_code == 303


def test_yes_and_no_look_the_same_from_the_outside(client_for, sam, alex):
    said_no = check_in(client_for(sam))
    said_yes = check_in(client_for(alex), yes=("afraid",))

    assert said_no.status_code == said_yes.status_code == 303
    assert said_no.headers["location"] == said_yes.headers["location"] == "/safety/help"
    assert said_no.text == said_yes.text


def test_the_help_page_lists_help_lines_with_their_check_date(client_for, sam):
    page = client_for(sam).get("/safety/help").text

    assert "1-800-799-7233" in page
    assert "988" in page
    assert "0808 2000 247" in page
    assert "checked 2026-11-25" in page
    assert 'href="/safety/plan"' in page


def test_not_safe_now_stores_nothing(client_for, sam, alex, wiring):
    check_in(client_for(alex), safe_now=False, yes=("hurt",))

    assert not safety.joint_work(wiring.new_uow(), person=alex.person.id).checked_in
    assert PAUSED not in client_for(sam).get("/").text


def test_my_answers_are_stored_for_me(client_for, alex, wiring):
    check_in(client_for(alex), yes=("control",), note="my own words")

    screens = safety.my_screens(wiring.new_uow(), person=alex.person.id, clock=wiring.clock)

    assert screens[0].answers.yes == {"control"}
    assert screens[0].answers.note == "my own words"


def test_an_urgent_turn_pauses_every_joint_exercise(dialogue, client_for, sam, alex):
    sams, alexs = client_for(sam), client_for(alex)

    make_move(sams, dialogue, "request_appointment", f"Tonight {URGENT_MARKER}")

    assert PAUSED in alexs.get("/").text
    assert start(alexs).status_code == 409
    assert URGENT_MARKER not in alexs.get(f"/dialogues/{dialogue}").text


def test_the_alert_names_the_flag_for_the_therapist_only(client_for, sam, alex, wiring):
    check_in(client_for(alex), yes=("self_harm",))
    couple = wiring.new_uow()
    with couple:
        found = couple.couples.of_member(alex.person.id)
    assert found is not None

    alerts = safety.open_alerts(wiring.new_uow(), couple=found.id)

    assert [a.kinds for a in alerts] == [("self_harm",)]


def test_a_held_dialogue_leaves_help_in_the_same_menu_for_both(dialogue, client_for, sam, alex):
    sams, alexs = client_for(sam), client_for(alex)
    make_move(sams, dialogue, "request_appointment", f"Tonight {URGENT_MARKER}")

    for client in (sams, alexs):
        assert '<a href="/safety/help">Help</a>' in client.get(f"/dialogues/{dialogue}").text
