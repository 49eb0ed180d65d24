"""The time-out as use cases: apart, a private ready check, one extension, then reschedule."""

from datetime import timedelta

import pytest

from attunement.domain.errors import InvalidInput, NotFound
from attunement.domain.exercises.time_out import Move, Step
from attunement.services import time_out_runs, time_outs
from attunement.services.runs import RunRef
from attunement.services.time_out_runs import KIND

BREAK = 20


@pytest.fixture
def planned(uow, clock, sam, alex):
    time_outs.agree_time_out_plan(
        uow, by=sam.id, code_word="pineapple", min_minutes=BREAK, clock=clock
    )


@pytest.fixture
def run(uow, clock, sam, planned):
    return time_out_runs.call_time_out(uow, by=sam.id, minutes=BREAK, clock=clock)


def view(uow, clock, run, who) -> time_out_runs.TimeOutView:
    return time_out_runs.time_out_view(uow, RunRef(run, KIND, who.id), clock=clock)


def say(uow, clock, run, who, move) -> Step:
    return time_out_runs.move_on_time_out(uow, RunRef(run, KIND, who.id), move, clock=clock).step


def test_without_a_plan_no_break_is_called(uow, clock, sam, alex):
    with pytest.raises(InvalidInput):
        time_out_runs.call_time_out(uow, by=sam.id, minutes=BREAK, clock=clock)


def test_the_ready_check_comes_at_the_return_time(uow, clock, run, sam, alex):
    assert view(uow, clock, run, alex).state.step is Step.CALLED
    clock.advance(timedelta(minutes=BREAK))
    assert view(uow, clock, run, alex).state.step is Step.READY_CHECK
    assert say(uow, clock, run, sam, Move.READY) is Step.READY_CHECK
    assert view(uow, clock, run, sam).said_ready
    assert not view(uow, clock, run, alex).said_ready  # each sees only their own answer
    assert say(uow, clock, run, alex, Move.READY) is Step.RETURN
    assert say(uow, clock, run, sam, Move.RECONNECT) is Step.RESUMED


def test_one_extension_then_reschedule(uow, clock, run, sam, alex):
    clock.advance(timedelta(minutes=BREAK))
    assert say(uow, clock, run, alex, Move.NEED_MORE) is Step.APART
    assert view(uow, clock, run, sam).minutes_left == BREAK
    clock.advance(timedelta(minutes=BREAK))
    assert say(uow, clock, run, alex, Move.NEED_MORE) is Step.RESCHEDULED
    assert time_out_runs.open_time_out(uow, viewer=sam.id) is None


def test_an_outsider_finds_no_break(uow, clock, run, casey):
    with pytest.raises(NotFound):
        view(uow, clock, run, casey)
    assert time_out_runs.open_time_out(uow, viewer=casey.id) is None


@pytest.mark.parametrize(
    ("button", "text", "calls"),
    [(True, None, True), (False, "Pineapple, please", True), (False, "Pine cones", False)],
)
@pytest.mark.usefixtures("planned")
def test_with_a_plan_the_button_and_the_word_are_one_call(uow, sam, button, text, calls):
    assert time_out_runs.heard_break(uow, by=sam.id, button=button, text=text) is calls


def test_without_a_plan_neither_the_button_nor_a_word_calls_a_break(uow, sam, alex):
    assert not time_out_runs.heard_break(uow, by=sam.id, button=True, text="pineapple")
