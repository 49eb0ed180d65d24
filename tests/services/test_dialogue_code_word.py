"""The couple's code word pauses a Couple's Dialogue at the step it was said in (#4)."""

from datetime import timedelta

import pytest

from attunement.domain.errors import InvalidInput
from attunement.domain.exercises.couples_dialogue import Move, Step
from attunement.services import time_out_runs, time_outs
from attunement.services.dialogue import dialogue_view
from attunement.services.runs import RunRef
from tests.dialogues import ROUND
from tests.fakes import URGENT_MARKER, SafetyMarkerAnalyzer


@pytest.fixture
def planned(uow, clock, sam):
    time_outs.agree_time_out_plan(
        uow, by=sam.id, code_word="pineapple", min_minutes=20, clock=clock
    )


@pytest.mark.usefixtures("planned")
def test_saying_the_code_word_calls_the_couples_time_out_at_the_exact_step(
    talk, uow, clock, sam, alex
):
    dialogue = talk.start(sam)
    talk.play_all(dialogue, {"sam": sam, "alex": alex}, ROUND[:4])

    paused = talk.play(dialogue, sam, Move.PARTLY, "Pineapple. Sorry, I need a break.")
    assert paused.view.state.step is Step.TIMEOUT
    assert paused.view.state.resumes_at is Step.MIRROR_CHECK  # the partly answer was not made
    assert paused.time_out is not None
    ref = RunRef(paused.time_out, time_out_runs.KIND, alex.id)
    assert time_out_runs.time_out_view(uow, ref, clock=clock).state.called_by == sam.id


def test_the_code_word_is_not_kept_as_a_turn(talk, uow, sam, alex, planned):
    dialogue = talk.start(sam)
    talk.play_all(dialogue, {"sam": sam, "alex": alex}, ROUND[:4])
    talk.play(dialogue, sam, Move.PARTLY, "Pineapple. Sorry, I need a break.")

    for person in (sam, alex):
        turns = dialogue_view(uow, dialogue, viewer=person.id).turns
        assert turns  # the words said before are there
        assert not [t for t in turns if "ineapple" in t.text]


def test_resuming_before_the_agreed_break_is_refused(talk, clock, sam, alex, planned):
    dialogue = talk.start(sam)
    talk.play_all(dialogue, {"sam": sam, "alex": alex}, ROUND[:4])
    talk.play(dialogue, sam, Move.PARTLY, "pineapple")
    clock.advance(timedelta(minutes=19))

    with pytest.raises(InvalidInput) as too_soon:
        talk.play(dialogue, alex, Move.RESUME)
    assert too_soon.value.message_key == "time_out.too_soon"


def test_resuming_after_the_agreed_break_returns_to_the_step(talk, clock, sam, alex, planned):
    dialogue = talk.start(sam)
    talk.play_all(dialogue, {"sam": sam, "alex": alex}, ROUND[:4])
    paused = talk.play(dialogue, sam, Move.PARTLY, "pineapple")
    assert paused.view.back_at == clock.now() + timedelta(minutes=20)
    clock.advance(timedelta(minutes=20))

    back = talk.play(dialogue, alex, Move.RESUME)
    assert back.view.state.step is Step.MIRROR_CHECK
    assert back.view.back_at is None


def test_a_button_time_out_also_waits_for_the_agreed_break(talk, clock, sam, alex, planned):
    dialogue = talk.start(sam)
    talk.play(dialogue, sam, Move.TIME_OUT)
    with pytest.raises(InvalidInput):
        talk.play(dialogue, alex, Move.RESUME)
    clock.advance(timedelta(minutes=20))
    assert talk.play(dialogue, alex, Move.RESUME).view.state.step is Step.REQUEST_APPOINTMENT


def test_without_the_word_the_dialogue_goes_on(talk, sam, alex, planned):
    dialogue = talk.start(sam)
    talk.play_all(dialogue, {"sam": sam, "alex": alex}, ROUND[:4])

    moved = talk.play(dialogue, sam, Move.PARTLY, "Pine, not apple.")
    assert moved.view.state.step is Step.MIRROR
    assert moved.time_out is None


def test_urgent_words_take_the_safety_path_even_with_the_code_word(talk, sam, alex, planned):
    talk = talk.judged_by(SafetyMarkerAnalyzer())
    dialogue = talk.start(sam)
    talk.play_all(dialogue, {"sam": sam, "alex": alex}, ROUND[:4])

    held = talk.play(dialogue, sam, Move.PARTLY, f"pineapple {URGENT_MARKER}")
    assert held.view.state.step is Step.SAFETY_HOLD
    assert held.time_out is None


def test_two_code_words_share_one_break(talk, sam, alex, planned):
    first, second = talk.start(sam), talk.start(alex)
    one = talk.play(first, sam, Move.REQUEST_APPOINTMENT, "pineapple")
    two = talk.play(second, alex, Move.REQUEST_APPOINTMENT, "Pineapple!")
    assert one.time_out is not None
    assert one.time_out == two.time_out


def test_a_code_word_after_the_break_ended_calls_a_new_one(talk, clock, sam, alex, planned):
    first, second = talk.start(sam), talk.start(alex)
    one = talk.play(first, sam, Move.REQUEST_APPOINTMENT, "pineapple")
    clock.advance(timedelta(minutes=20))  # the return time came; the old break is at its check
    two = talk.play(second, alex, Move.REQUEST_APPOINTMENT, "pineapple")
    assert two.time_out is not None
    assert two.time_out != one.time_out
