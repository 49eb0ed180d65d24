"""The code word in a Couple's Dialogue: both go to the break, then back with the recap (#4)."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI

from attunement.services import time_outs
from attunement.web.deps import Components
from tests.fakes import FakeClock
from tests.web.forms import make_move


@pytest.fixture
def wiring(app: FastAPI) -> Components:
    """The app's parts with a clock the test moves, so the break can end without waiting."""
    components: Components = replace(app.state.components, clock=FakeClock(datetime.now(UTC)))
    app.state.components = components
    return components


@pytest.fixture
def mirrored(client_for, wiring, sam, alex, dialogue):
    """Sam and Alex with a plan, a dialogue at Sam's check of Alex's mirror."""
    time_outs.agree_time_out_plan(
        wiring.new_uow(), by=sam.person.id, code_word="pineapple", min_minutes=20,
        clock=wiring.clock,
    )  # fmt: skip
    sam_client, alex_client = client_for(sam), client_for(alex)
    make_move(sam_client, dialogue, "request_appointment", "Dinner")
    make_move(alex_client, dialogue, "accept_now")
    make_move(sam_client, dialogue, "chunk_done", "I felt lonely at dinner.")
    make_move(alex_client, dialogue, "mirror", "You felt lonely at dinner.")
    return sam_client, alex_client


def test_the_code_word_takes_the_caller_to_the_break_page(mirrored, dialogue):
    sam_client, alex_client = mirrored
    paused = make_move(sam_client, dialogue, "partly", "Pineapple, I'm flooded.")

    assert paused.url.path.startswith("/time-outs/")
    assert "Time-out" in paused.text
    assert f'href="/dialogues/{dialogue}" data-way-back' in paused.text  # the way back to the step
    assert "flooded" not in alex_client.get(f"/dialogues/{dialogue}").text  # never a turn


def test_the_partners_panel_carries_the_way_to_the_break(mirrored, dialogue):
    sam_client, alex_client = mirrored
    paused = make_move(sam_client, dialogue, "partly", "Pineapple, I'm flooded.")

    panel = alex_client.get(f"/dialogues/{dialogue}/panel")
    assert f'data-goto="{paused.url.path}"' in panel.text
    assert "the last thing mirrored was" in panel.text
    assert "You felt lonely at dinner." in panel.text


def test_a_dialogue_that_is_not_waiting_carries_no_way_to_a_break(mirrored, dialogue):
    sam_client, alex_client = mirrored
    make_move(sam_client, dialogue, "partly", "Pine, not apple.")
    assert "data-goto" not in alex_client.get(f"/dialogues/{dialogue}/panel").text


def test_resuming_before_the_agreed_break_is_refused_with_words(mirrored, dialogue):
    sam_client, alex_client = mirrored
    make_move(sam_client, dialogue, "partly", "Pineapple, I'm flooded.")

    too_soon = make_move(alex_client, dialogue, "resume")
    assert too_soon.status_code == 422
    assert "a little longer to run" in too_soon.text
    assert "Your break runs until" in too_soon.text


def test_resuming_after_the_break_returns_to_the_step_with_the_recap(mirrored, wiring, dialogue):
    sam_client, alex_client = mirrored
    make_move(sam_client, dialogue, "partly", "Pineapple, I'm flooded.")
    assert isinstance(wiring.clock, FakeClock)
    wiring.clock.advance(timedelta(minutes=20))

    back = make_move(alex_client, dialogue, "resume")
    assert back.status_code == 200
    assert "the last thing mirrored was" in back.text
    assert "You felt lonely at dinner." in back.text
    assert 'data-move="accurate"' in sam_client.get(f"/dialogues/{dialogue}").text
    assert "the last thing mirrored was" not in make_move(sam_client, dialogue, "accurate").text
