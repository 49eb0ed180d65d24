"""The Imago pages over real HTTP: the family page, a request to a commitment, privacy, refusals."""

import re

import pytest
from fastapi.testclient import TestClient

from attunement.domain.imago_runs import ImagoKind, RunId
from attunement.domain.sessions import DialogueMode
from attunement.services import imago
from tests.web.forms import Page, csrf_of, move_fields

REQUESTS = (
    "Sit with me for coffee for 15 minutes before work, twice a week for the next four weeks",
    "Text me when you leave the office, every weekday for two weeks",
    "Ask me one question about my day each evening for the next four weeks",
)


def start(wiring, persona, kind=ImagoKind.BEHAVIOR_CHANGE, mode=DialogueMode.ONE_DEVICE) -> RunId:
    return imago.start_run(
        wiring.new_uow(), kind=kind, by=persona.person.id, mode=mode, clock=wiring.clock
    )


def act(client: TestClient, run, move, text=None, **extra) -> Page:
    fields = move_fields(client.get(f"/imago/runs/{run}"), move)
    if text is not None:
        fields["text"] = text
    fields.update({key: str(value) for key, value in extra.items()})
    return client.post(f"/imago/runs/{run}/moves", data=fields)


def loop(client, run, words) -> None:
    act(client, run, "say", words)
    act(client, run, "mirror", f"You said: {words}")
    act(client, run, "accurate")
    act(client, run, "no_more")


def test_the_family_page_is_reachable_from_home_and_offers_every_exercise(client_for, sam, alex):
    client = client_for(sam)
    assert 'href="/imago"' in client.get("/").text
    page = client.get("/imago")
    for title in ("Parent-Child Dialogue", "Behavior Change Request", "Appreciation Dialogue"):
        assert f"Start: {title}" in page.text


def test_starting_from_the_family_page_opens_the_run(client_for, sam, alex):
    client = client_for(sam)
    page = client.get("/imago")
    response = client.post(
        "/imago/runs",
        data={"csrf_token": csrf_of(page), "kind": "appreciation", "mode": "one_device"},
    )
    assert re.search(r"/imago/runs/\w+$", str(response.url))
    assert "Ask for a moment" in response.text


def test_a_request_through_to_a_commitment_on_one_device(client_for, wiring, sam, alex):
    client = client_for(sam)
    run = start(wiring, sam)
    act(client, run, "request_appointment", "mornings")
    act(client, run, "accept_now")
    loop(client, run, "When you scroll at breakfast, I sit alone.")
    loop(client, run, "I feel lonely.")
    act(client, run, "skip")
    loop(client, run, "I want to feel you're glad to start the day with me.")
    for text in REQUESTS:
        act(client, run, "offer", text)
    act(client, run, "mirror", "Coffee, a text, a question.")
    act(client, run, "accurate")
    act(client, run, "choose", "I'll text you as I leave work, weekdays for two weeks.", pick=1)
    done = act(client, run, "confirm", "Thank you.")

    assert "a commitment now" in done.text
    family = client_for(alex).get("/imago")  # the giver sees it too
    assert "text you as I leave work" in family.text
    assert "check-in</button>" in family.text


def test_a_request_that_fails_comes_back_with_the_words_and_the_notes(
    client_for, wiring, sam, alex
):
    client = client_for(sam)
    run = start(wiring, sam)
    act(client, run, "request_appointment", "mornings")
    act(client, run, "accept_now")
    for words in ("a", "b", None, "d"):
        if words is None:
            act(client, run, "skip")
        else:
            loop(client, run, words)

    refused = act(client, run, "offer", "Stop scrolling at breakfast")

    assert refused.status_code == 422
    assert "Stop scrolling at breakfast" in refused.text  # the words are kept
    assert "not what should stop" in refused.text
    assert "Say for how long" in refused.text
    assert act(client, run, "offer", REQUESTS[0]).status_code == 200


def test_check_ins_are_shared_by_both(client_for, wiring, sam, alex):
    client = client_for(sam)
    run = start(wiring, sam)
    _to_commitment(client, run)
    page = client.get("/imago")
    action = re.search(r'action="(/imago/commitments/\w+/check-ins)"', page.text)
    assert action
    client.post(
        action.group(1), data={"csrf_token": csrf_of(page), "status": "partly", "note": "Two days"}
    )
    assert "partly — Two days" in client_for(alex).get("/imago").text


@pytest.mark.usefixtures("alex")
@pytest.mark.parametrize("intruder", ["casey", "morgan"])
def test_another_couples_run_is_the_same_404_as_a_missing_one(
    intruder, request, client_for, wiring, sam
):
    run = start(wiring, sam)
    act(client_for(sam), run, "request_appointment", "a private topic")
    client = client_for(request.getfixturevalue(intruder))

    response = client.get(f"/imago/runs/{run}")
    never_existed = client.get("/imago/runs/no-such-run")

    assert response.status_code == 404
    assert "a private topic" not in response.text
    assert response.content == never_existed.content


def test_the_couple_reads_their_own_run(client_for, wiring, sam, alex):
    run = start(wiring, sam)
    act(client_for(sam), run, "request_appointment", "a private topic")
    assert "a private topic" in client_for(alex).get(f"/imago/runs/{run}").text


def test_the_code_word_pauses_for_the_agreed_break_with_the_recap(client_for, wiring, sam, alex):
    client = client_for(sam)
    page = client.get("/imago")
    client.post(
        "/imago/time-out-plan",
        data={"csrf_token": csrf_of(page), "code_word": "pineapple", "minutes": "20"},
    )
    run = start(wiring, sam, kind=ImagoKind.PARENT_CHILD)
    act(client, run, "set_up", "my mother")
    act(client, run, "enter_role")
    act(client, run, "ask")
    act(client, run, "answer", "The house was quiet.")
    act(client, run, "mirror", "The house was quiet for you.")
    called = act(client, run, "partly", "Pineapple, I need a minute.")
    assert called.url.path.startswith("/time-outs/")  # the caller goes to the couple's break
    paused = client.get(f"/imago/runs/{run}")
    assert "On a break" in paused.text
    assert "The house was quiet for you." in paused.text
    assert "I need a minute" not in paused.text  # the code word's words are never a turn
    assert f'data-goto="{called.url.path}"' in client_for(alex).get(f"/imago/runs/{run}/panel").text

    assert "Your break runs until" in paused.text

    too_soon = act(client, run, "resume")  # the agreed twenty minutes have not passed
    assert too_soon.status_code == 422
    assert "a little longer to run" in too_soon.text


def test_a_plan_with_an_unusable_word_is_shown_again(client_for, sam, alex):
    client = client_for(sam)
    page = client.get("/imago")
    refused = client.post(
        "/imago/time-out-plan",
        data={"csrf_token": csrf_of(page), "code_word": "42", "minutes": "20"},
    )
    assert refused.status_code == 422
    assert "letters only" in refused.text


def test_parent_child_marks_the_role_and_offers_pause_and_stop(client_for, wiring, sam, alex):
    client = client_for(sam)
    run = start(wiring, sam, kind=ImagoKind.PARENT_CHILD)
    act(client, run, "set_up", "my father")
    page = act(client, run, "enter_role")
    assert "in the role" in page.text
    assert "What was it like to live with me?" in page.text
    for button in ("Pause", "Stop here", "I need a break"):
        assert f">{button}</button>" in page.text


def _to_commitment(client, run) -> None:
    act(client, run, "request_appointment", "mornings")
    act(client, run, "accept_now")
    for words in ("a", "b", None, "d"):
        if words is None:
            act(client, run, "skip")
        else:
            loop(client, run, words)
    for text in REQUESTS:
        act(client, run, "offer", text)
    act(client, run, "mirror", "Three requests.")
    act(client, run, "accurate")
    act(client, run, "choose", "Coffee twice a week.", pick=0)
    act(client, run, "confirm")
