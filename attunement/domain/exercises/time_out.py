"""The flooding time-out with the couple's code word, and the return (domain.md §2.12).

The couple agrees a plan while calm (``TimeOutPlan``: a code word, the shortest break, the longest
before returning). Either partner calls a time-out by saying the code word in any exercise or by
pressing the button; the exercise waits at its ``TIMEOUT`` step (``domain/interrupts.py``) while
this machine runs the break: the other may acknowledge (never required: nobody can refuse a
time-out), both are apart until the return time, then each says ready or needs more. One
extension is allowed, then the conversation is rescheduled. When both are ready the caller, who
owns the return, reconnects and the exercise resumes at the exact step it left.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final

from attunement.domain.errors import InvalidInput
from attunement.domain.ids import PersonId
from attunement.domain.steps import Pair, Role, Rules, Text, Transition

SHORTEST_BREAK_MINUTES = 5
LONGEST_BREAK_HOURS = 24  # one source says not beyond a day (§2.12)
SUGGESTED_BREAK_MINUTES = 20  # Gottman material: at least about twenty minutes
MAX_CODE_WORD = 40
EXTENSIONS_ALLOWED = 1
_CODE_WORD = re.compile(r"^[^\W\d_]+(?:[ '-][^\W\d_]+)*$")


@dataclass(frozen=True, slots=True)
class TimeOutPlan:
    """What the couple agreed while calm; stored once per couple (§3.5 TimeOutPlan)."""

    code_word: str
    min_minutes: int = SUGGESTED_BREAK_MINUTES
    max_hours: int = LONGEST_BREAK_HOURS

    def __post_init__(self) -> None:
        word = self.code_word.strip()
        if not word or len(word) > MAX_CODE_WORD or not _CODE_WORD.match(word):
            raise InvalidInput("time_out.code_word")
        if not SHORTEST_BREAK_MINUTES <= self.min_minutes <= self.max_hours * 60:
            raise InvalidInput("time_out.minutes", least=SHORTEST_BREAK_MINUTES)
        if not 1 <= self.max_hours <= LONGEST_BREAK_HOURS:
            raise InvalidInput("time_out.hours", most=LONGEST_BREAK_HOURS)

    def is_called_in(self, text: str) -> bool:
        """Whether ``text`` says the code word as a whole word, in any case."""
        pattern = r"(?<!\w)" + re.escape(self.code_word.strip()) + r"(?!\w)"
        return re.search(pattern, text, re.IGNORECASE) is not None


class Step(StrEnum):
    CALLED = "CALLED"
    APART = "APART"
    READY_CHECK = "READY_CHECK"
    RETURN = "RETURN"
    RESUMED = "RESUMED"
    RESCHEDULED = "RESCHEDULED"


class Move(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    READY = "ready"
    NEED_MORE = "need_more"
    RECONNECT = "reconnect"
    RESCHEDULE = "reschedule"


CALLER, OTHER, EITHER = Role.SENDER, Role.RECEIVER, Role.EITHER

TRANSITIONS: Final[Mapping[tuple[Step, Move], Transition[Step]]] = {
    (Step.CALLED, Move.ACKNOWLEDGE): Transition(OTHER, Step.APART),
    # CALLED and APART become READY_CHECK when the return time comes (``TimeOut.at``).
    # Stays until both are ready, then RETURN; need_more extends once (APART), then reschedules.
    (Step.READY_CHECK, Move.READY): Transition(EITHER, Step.READY_CHECK),
    (Step.READY_CHECK, Move.NEED_MORE): Transition(EITHER, Step.APART),
    (Step.READY_CHECK, Move.RESCHEDULE): Transition(EITHER, Step.RESCHEDULED),
    (Step.RETURN, Move.RECONNECT): Transition(CALLER, Step.RESUMED, Text.OPTIONAL),
    (Step.RETURN, Move.RESCHEDULE): Transition(EITHER, Step.RESCHEDULED),
}
RULES: Final = Rules(TRANSITIONS)
FINISHED: Final = frozenset({Step.RESUMED, Step.RESCHEDULED})


@dataclass(frozen=True, slots=True)
class TimeOut:
    """One break: who called it, when, until when, and who is ready to come back."""

    called_by: PersonId
    other: PersonId
    called_at: datetime
    return_at: datetime
    step: Step = Step.CALLED
    ready: frozenset[PersonId] = frozenset()
    extensions: int = 0
    version: int = 0

    @classmethod
    def call(
        cls, plan: TimeOutPlan, *, by: PersonId, other: PersonId, at: datetime, minutes: int
    ) -> TimeOut:
        """Start a break of ``minutes`` called by ``by``; the plan bounds how long it may be."""
        _check_minutes(plan, minutes)
        return cls(
            called_by=by, other=other, called_at=at, return_at=at + timedelta(minutes=minutes)
        )

    @property
    def pair(self) -> Pair:
        return Pair(self.called_by, self.other)

    def at(self, now: datetime) -> TimeOut:
        """The break as it stands at ``now``: once the return time has come, the ready check."""
        if self.step in (Step.CALLED, Step.APART) and now >= self.return_at:
            return replace(self, step=Step.READY_CHECK, ready=frozenset())
        return self

    def apply(
        self, move: Move, by: PersonId, *, plan: TimeOutPlan, now: datetime, text: str | None = None
    ) -> TimeOut:
        """Make ``move`` as ``by`` at ``now``; ``plan`` sets the length of an extension.

        Raises:
            MoveNotAllowed: not legal now (for instance, ready before the return time).
            NotYourMove: the other person's move, or someone outside the couple.
        """
        current = self.at(now)
        transition = RULES.arrow(current.step, move, by, current.pair, text)
        version = current.version + 1
        if move is Move.READY:
            ready = current.ready | {by}
            both = ready == {self.called_by, self.other}
            return replace(
                current, step=Step.RETURN if both else current.step, ready=ready, version=version
            )
        if move is Move.NEED_MORE and current.extensions >= EXTENSIONS_ALLOWED:
            return replace(current, step=Step.RESCHEDULED, version=version)
        if move is Move.NEED_MORE:
            later = now + timedelta(minutes=plan.min_minutes)
            return replace(
                current,
                step=Step.APART,
                return_at=later,
                extensions=current.extensions + 1,
                ready=frozenset(),
                version=version,
            )
        return replace(current, step=transition.to, version=version)

    def legal_moves(self, by: PersonId, *, now: datetime) -> list[Move]:
        """The moves ``by`` may make at ``now``; ready only once, until the other says it too."""
        current = self.at(now)
        moves = RULES.moves_for(current.step, by, current.pair)
        return [m for m in moves if not (m is Move.READY and by in current.ready)]

    def without_words_of(self, person: PersonId) -> TimeOut:
        """The break as the other person keeps it once ``person`` has left (issue 6).

        A break holds who called it, times and who is ready, but no one's words: it stays whole.
        """
        del person
        return self

    def minutes_left(self, now: datetime) -> int:
        """Whole minutes until the return time, rounded up; 0 once it has come."""
        seconds = (self.return_at - now).total_seconds()
        return max(0, -int(-seconds // 60))


def _check_minutes(plan: TimeOutPlan, minutes: int) -> None:
    if not plan.min_minutes <= minutes <= plan.max_hours * 60:
        raise InvalidInput(
            "time_out.break_length", least=plan.min_minutes, most=plan.max_hours * 60
        )
