"""The time-out machine and the couple's plan: code word, break, ready check, the return."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from attunement.domain.errors import AttunementError, InvalidInput, MoveNotAllowed, NotYourMove
from attunement.domain.exercises.time_out import (
    FINISHED,
    Move,
    Step,
    TimeOut,
    TimeOutPlan,
)
from attunement.domain.ids import PersonId

SAM = PersonId("sam")
ALEX = PersonId("alex")
CASEY = PersonId("casey")
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
PLAN = TimeOutPlan(code_word="pineapple", min_minutes=20, max_hours=2)


def called(minutes: int = 20) -> TimeOut:
    return TimeOut.call(PLAN, by=SAM, other=ALEX, at=NOON, minutes=minutes)


def later(minutes: int) -> datetime:
    return NOON + timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Pineapple. I need a break.", True),
        ("ok PINEAPPLE", True),
        ("pineapples are nice", False),
        ("I like pine apple", False),
    ],
)
def test_the_code_word_is_heard_as_a_whole_word_in_any_case(text, said):
    assert PLAN.is_called_in(text) is said


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"code_word": ""}, "time_out.code_word"),
        ({"code_word": "red 42"}, "time_out.code_word"),
        ({"code_word": "x" * 41}, "time_out.code_word"),
        ({"code_word": "red", "min_minutes": 2}, "time_out.minutes"),
        ({"code_word": "red", "max_hours": 48}, "time_out.hours"),
    ],
)
def test_an_unusable_plan_is_refused(kwargs, key):
    with pytest.raises(InvalidInput) as refused:
        TimeOutPlan(**kwargs)
    assert refused.value.message_key == key
    assert TimeOutPlan(code_word="red light").code_word == "red light"


def test_the_caller_names_a_return_time_within_the_plan():
    assert called(45).return_at == later(45)
    for minutes in (19, 121):
        with pytest.raises(InvalidInput) as refused:
            called(minutes)
        assert refused.value.message_key == "time_out.break_length"


def test_the_other_acknowledges_but_never_has_to():
    timeout = called()
    with pytest.raises(NotYourMove):
        timeout.apply(Move.ACKNOWLEDGE, SAM, plan=PLAN, now=later(1))
    assert timeout.apply(Move.ACKNOWLEDGE, ALEX, plan=PLAN, now=later(1)).step is Step.APART
    assert timeout.at(later(20)).step is Step.READY_CHECK  # unacknowledged, the timer still ends


def test_ready_is_refused_before_the_return_time():
    with pytest.raises(MoveNotAllowed):
        called().apply(Move.READY, SAM, plan=PLAN, now=later(19))
    assert called().apply(Move.READY, SAM, plan=PLAN, now=later(20)).ready == {SAM}


def test_when_both_are_ready_the_caller_reconnects_and_the_exercise_resumes():
    timeout = called().apply(Move.READY, ALEX, plan=PLAN, now=later(21))
    assert timeout.legal_moves(ALEX, now=later(21)) == [Move.NEED_MORE, Move.RESCHEDULE]
    timeout = timeout.apply(Move.READY, SAM, plan=PLAN, now=later(22))
    assert timeout.step is Step.RETURN
    with pytest.raises(NotYourMove):
        timeout.apply(Move.RECONNECT, ALEX, plan=PLAN, now=later(23))
    back = timeout.apply(Move.RECONNECT, SAM, plan=PLAN, now=later(23), text="Thanks for waiting.")
    assert back.step is Step.RESUMED


def test_one_extension_then_a_reschedule():
    extended = called().apply(Move.NEED_MORE, ALEX, plan=PLAN, now=later(20))
    assert (extended.step, extended.extensions, extended.return_at) == (Step.APART, 1, later(40))
    again = extended.apply(Move.NEED_MORE, SAM, plan=PLAN, now=later(40))
    assert again.step is Step.RESCHEDULED
    assert again.legal_moves(SAM, now=later(41)) == []


def test_either_may_reschedule_at_the_return():
    at_return = called().at(later(20)).apply(Move.RESCHEDULE, ALEX, plan=PLAN, now=later(20))
    assert at_return.step is Step.RESCHEDULED


def test_outsiders_take_no_part():
    with pytest.raises(NotYourMove):
        called().apply(Move.READY, CASEY, plan=PLAN, now=later(30))
    assert called().legal_moves(CASEY, now=later(30)) == []


def test_minutes_left_round_up_and_stop_at_zero():
    assert called().minutes_left(NOON + timedelta(seconds=30)) == 20
    assert called().minutes_left(later(25)) == 0


class TimeOutWalk(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.timeout = called()
        self.now = NOON

    @rule(minutes=st.integers(min_value=0, max_value=30))
    def time_passes(self, minutes) -> None:
        self.now += timedelta(minutes=minutes)

    @rule(move=st.sampled_from(Move), by=st.sampled_from([SAM, ALEX, CASEY]))
    def make_a_move(self, move, by) -> None:
        before = self.timeout
        try:
            self.timeout = before.apply(move, by, plan=PLAN, now=self.now)
        except AttunementError:
            return
        assert by in (SAM, ALEX)
        if move is Move.READY:
            assert self.now >= before.return_at  # nobody is hurried back before the time
        if self.timeout.step is Step.RESUMED:
            assert by == SAM  # the caller owns the return

    @invariant()
    def one_extension_at_most(self) -> None:
        assert self.timeout.extensions <= 1
        assert self.timeout.ready <= {SAM, ALEX}

    @invariant()
    def a_finished_break_offers_nothing(self) -> None:
        if self.timeout.step in FINISHED:
            assert self.timeout.legal_moves(SAM, now=self.now) == []


TestTimeOutWalk = TimeOutWalk.TestCase
TestTimeOutWalk.settings = settings(max_examples=50, stateful_step_count=30, deadline=None)
