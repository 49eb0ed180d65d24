"""The global interrupts shared by the exercises (domain.md §0.1)."""

from enum import StrEnum

import pytest

from attunement.domain.errors import MoveNotAllowed
from attunement.domain.interrupts import Interrupt, Stops, as_interrupt


class Step(StrEnum):
    RUNNING = "RUNNING"
    PAUSED = "PAUSED"
    TIMEOUT = "TIMEOUT"
    HELD = "HELD"
    ABANDONED = "ABANDONED"
    DONE = "DONE"


class Move(StrEnum):
    SAY = "say"
    TIME_OUT = "time_out"


WITH_PAUSE = Stops(Step.TIMEOUT, Step.ABANDONED, Step.DONE, Step.HELD, paused=Step.PAUSED)
NO_PAUSE = Stops(Step.TIMEOUT, Step.ABANDONED, Step.DONE, Step.HELD)


def test_a_move_is_an_interrupt_only_when_it_shares_a_value():
    assert as_interrupt(Move.TIME_OUT) is Interrupt.TIME_OUT
    assert as_interrupt(Move.SAY) is None


@pytest.mark.parametrize("kind", [Interrupt.TIME_OUT, Interrupt.PAUSE])
def test_time_out_and_pause_remember_the_step_they_left(kind):
    step, resumes_at = WITH_PAUSE.interrupt(kind, Step.RUNNING, None)
    assert resumes_at is Step.RUNNING
    assert WITH_PAUSE.interrupt(Interrupt.RESUME, step, resumes_at) == (Step.RUNNING, None)


def test_an_exercise_without_a_pause_button_refuses_pause():
    with pytest.raises(MoveNotAllowed):
        NO_PAUSE.interrupt(Interrupt.PAUSE, Step.RUNNING, None)
    assert NO_PAUSE.offered(Step.RUNNING) == [Interrupt.TIME_OUT, Interrupt.ABANDON]


@pytest.mark.parametrize("step", [Step.DONE, Step.ABANDONED, Step.HELD])
@pytest.mark.parametrize("kind", list(Interrupt))
def test_nothing_interrupts_a_finished_or_held_run(step, kind):
    with pytest.raises(MoveNotAllowed):
        WITH_PAUSE.interrupt(kind, step, Step.RUNNING)
    assert WITH_PAUSE.offered(step) == []


def test_abandoning_during_a_wait_is_allowed():
    assert WITH_PAUSE.interrupt(Interrupt.ABANDON, Step.TIMEOUT, Step.RUNNING) == (
        Step.ABANDONED,
        None,
    )


def test_a_time_out_cannot_be_called_twice_but_may_follow_a_pause():
    with pytest.raises(MoveNotAllowed):
        WITH_PAUSE.interrupt(Interrupt.TIME_OUT, Step.TIMEOUT, Step.RUNNING)
    assert WITH_PAUSE.interrupt(Interrupt.TIME_OUT, Step.PAUSED, Step.RUNNING) == (
        Step.TIMEOUT,
        Step.RUNNING,
    )
    assert WITH_PAUSE.offered(Step.TIMEOUT) == [Interrupt.RESUME, Interrupt.ABANDON]


def test_a_pause_cannot_follow_a_time_out():
    with pytest.raises(MoveNotAllowed):
        WITH_PAUSE.interrupt(Interrupt.PAUSE, Step.TIMEOUT, Step.RUNNING)


def test_resume_needs_a_wait_and_a_place_to_return_to():
    with pytest.raises(MoveNotAllowed):
        WITH_PAUSE.interrupt(Interrupt.RESUME, Step.RUNNING, None)
    with pytest.raises(MoveNotAllowed):
        WITH_PAUSE.interrupt(Interrupt.RESUME, Step.TIMEOUT, None)


def test_a_running_step_offers_every_interrupt_but_resume():
    assert WITH_PAUSE.offered(Step.RUNNING) == [
        Interrupt.TIME_OUT,
        Interrupt.PAUSE,
        Interrupt.ABANDON,
    ]
