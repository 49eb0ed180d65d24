"""Each exercise's own break button calls the couple's break, like the code word (§2.12, #4).

With a time-out plan, "I need a break" (Dialogue, Imago) and the IFIO runs' pause take both
partners to the break page, the exercise waiting at its step. Without a plan the button only
pauses, and the panel says how to agree one.
"""

import re

import pytest
from fastapi.testclient import TestClient

from attunement.domain.imago_runs import ImagoKind
from attunement.domain.sessions import DialogueMode
from attunement.services import imago, time_out_runs, time_outs
from tests.web.forms import Page, csrf_of, make_move, move_fields

PLAN_HINT = 'id="break-plan"'


@pytest.fixture
def planned(wiring, sam, alex):
    time_outs.agree_time_out_plan(
        wiring.new_uow(), by=sam.person.id, code_word="pineapple", min_minutes=20,
        clock=wiring.clock,
    )  # fmt: skip


def send(client: TestClient, page: Page, move: str, text: str = "") -> Page:
    """Press ``move`` on an IFIO page, as its form would."""
    action = re.search(r'action="(/[a-z-]+/[^"]+/moves)"', page.text)
    version = re.search(r'name="version" value="(\d+)"', page.text)
    assert action is not None
    assert version is not None
    data = {"csrf_token": csrf_of(page), "move": move, "version": version.group(1), "text": text}
    return client.post(action.group(1), data=data)


@pytest.fixture
def running(client_for, sam, alex, dialogue) -> tuple[TestClient, TestClient]:
    """Sam's and Alex's screens on a dialogue under way, at Alex's mirror."""
    sam_client, alex_client = client_for(sam), client_for(alex)
    make_move(sam_client, dialogue, "request_appointment", "Dinner")
    make_move(alex_client, dialogue, "accept_now")
    make_move(sam_client, dialogue, "chunk_done", "I felt lonely at dinner.")
    return sam_client, alex_client


@pytest.mark.usefixtures("planned")
def test_the_dialogues_break_button_takes_both_to_the_break(running, dialogue):
    sam_client, alex_client = running

    called = make_move(alex_client, dialogue, "time_out")

    assert called.url.path.startswith("/time-outs/")
    panel = sam_client.get(f"/dialogues/{dialogue}/panel").text
    assert f'data-goto="{called.url.path}"' in panel  # the partner's screen follows
    assert f'href="/dialogues/{dialogue}" data-way-back' in sam_client.get(called.url.path).text
    assert "I felt lonely at dinner." in panel  # waiting at the exact step


def test_without_a_plan_the_dialogues_button_only_pauses_and_says_how(
    running, wiring, sam, dialogue
):
    sam_client, alex_client = running

    paused = make_move(alex_client, dialogue, "time_out")

    assert paused.url.path == f"/dialogues/{dialogue}"
    panel = sam_client.get(f"/dialogues/{dialogue}/panel").text
    assert "data-goto" not in panel
    assert PLAN_HINT in panel
    assert 'href="/imago#time-out"' in panel
    assert time_out_runs.open_time_out(wiring.new_uow(), viewer=sam.person.id) is None


@pytest.mark.usefixtures("planned")
def test_an_outsiders_break_button_is_404_and_calls_no_break(running, client_for, casey, dialogue):
    sam_client, _ = running
    outsider = client_for(casey)
    fields = move_fields(sam_client.get(f"/dialogues/{dialogue}"), "time_out")
    fields |= {"csrf_token": csrf_of(outsider.get("/")), "acting_as": str(casey.person.id)}

    refused = outsider.post(f"/dialogues/{dialogue}/moves", data=fields)
    never_existed = outsider.post("/dialogues/no-such-dialogue/moves", data=fields)

    assert refused.status_code == never_existed.status_code == 404
    assert refused.text == never_existed.text
    assert "data-goto" not in sam_client.get(f"/dialogues/{dialogue}/panel").text
    assert make_move(sam_client, dialogue, "time_out").url.path.startswith("/time-outs/")


def imago_run(client_for, wiring, sam) -> tuple[TestClient, str]:
    run = imago.start_run(
        wiring.new_uow(), kind=ImagoKind.PARENT_CHILD, by=sam.person.id,
        mode=DialogueMode.ONE_DEVICE, clock=wiring.clock,
    )  # fmt: skip
    client = client_for(sam)
    client.post(
        f"/imago/runs/{run}/moves",
        data=move_fields(client.get(f"/imago/runs/{run}"), "set_up") | {"text": "my mother"},
    )
    return client, str(run)


def press_imago(client: TestClient, run: str, move: str) -> Page:
    return client.post(
        f"/imago/runs/{run}/moves", data=move_fields(client.get(f"/imago/runs/{run}"), move)
    )


@pytest.mark.usefixtures("planned")
def test_the_imago_break_button_takes_both_to_the_break(client_for, wiring, sam, alex):
    client, run = imago_run(client_for, wiring, sam)

    called = press_imago(client, run, "time_out")

    assert called.url.path.startswith("/time-outs/")
    panel = client_for(alex).get(f"/imago/runs/{run}/panel").text
    assert f'data-goto="{called.url.path}"' in panel


def test_without_a_plan_the_imago_button_only_pauses(client_for, wiring, sam, alex):
    client, run = imago_run(client_for, wiring, sam)

    paused = press_imago(client, run, "time_out")

    assert paused.url.path == f"/imago/runs/{run}"
    assert "On a break" in paused.text
    panel = client_for(alex).get(f"/imago/runs/{run}/panel").text
    assert "data-goto" not in panel
    assert PLAN_HINT in panel


def start_cycle_map(client: TestClient) -> Page:
    return client.post("/cycle-maps", data={"csrf_token": csrf_of(client.get("/ifio"))})


@pytest.mark.usefixtures("planned")
def test_the_cycle_maps_pause_takes_both_to_the_break(client_for, sam, alex):
    sam_client = client_for(sam)
    started = start_cycle_map(sam_client)

    called = send(sam_client, started, "pause")

    assert called.url.path.startswith("/time-outs/")
    panel = client_for(alex).get(f"{started.url.path}/panel").text
    assert f'data-goto="{called.url.path}"' in panel


def test_without_a_plan_the_cycle_maps_pause_only_pauses(client_for, sam, alex):
    sam_client = client_for(sam)
    started = start_cycle_map(sam_client)

    paused = send(sam_client, started, "pause")

    assert paused.url.path == started.url.path
    panel = client_for(alex).get(f"{started.url.path}/panel").text
    assert "data-goto" not in panel
    assert PLAN_HINT in panel


def start_u_turn(client: TestClient, *, with_partner: str) -> Page:
    data = {"csrf_token": csrf_of(client.get("/ifio")), "with_partner": with_partner}
    return client.post("/u-turns", data=data)


@pytest.mark.usefixtures("planned")
def test_the_u_turns_time_out_with_the_partner_takes_both_to_the_break(client_for, sam, alex):
    sam_client = client_for(sam)
    started = start_u_turn(sam_client, with_partner="yes")

    called = send(sam_client, started, "pause")

    assert called.url.path.startswith("/time-outs/")
    panel = client_for(alex).get(f"{started.url.path}/panel").text
    assert f'data-goto="{called.url.path}"' in panel


@pytest.mark.usefixtures("planned")
def test_the_u_turns_time_out_alone_only_pauses(client_for, wiring, sam):
    sam_client = client_for(sam)
    started = start_u_turn(sam_client, with_partner="no")

    paused = send(sam_client, started, "pause")

    assert paused.url.path == started.url.path
    assert time_out_runs.open_time_out(wiring.new_uow(), viewer=sam.person.id) is None
