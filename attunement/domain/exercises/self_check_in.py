"""The Self-energy check-in over the 8 Cs, as a table of arrows (domain.md §2.11).

``PROMPT → RATE → NAME_PART (optional) → RESULT``. It takes under a minute, before and after an
exercise or on its own, and is private: the gate it gives is advice to the person, never a
number shown to the partner. Low ratings mean parts are blended, not that the person failed; and
this is a self-observation aid, not a validated measure (§7, open question 10).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final

from attunement.domain.errors import InvalidInput, MoveNotAllowed, NotYourMove
from attunement.domain.guided import Words, check_words, refuse
from attunement.domain.ids import PersonId
from attunement.domain.parts import MAX_NAME, SelfEnergy

SETTLED_AT: Final = 2.0  # mean rating on 0..4 from which harder work is suggested, not required


class Step(StrEnum):
    PROMPT = "PROMPT"
    RATE = "RATE"
    NAME_PART = "NAME_PART"
    RESULT = "RESULT"
    ABANDONED = "ABANDONED"


class Move(StrEnum):
    BEGIN = "begin"
    RATE = "rate"
    NAME_PART = "name_part"
    SKIP = "skip"
    ABANDON = "abandon"


class Moment(StrEnum):
    """When the check-in was taken, relative to an exercise."""

    ALONE = "alone"
    BEFORE = "before"
    AFTER = "after"


class Gate(StrEnum):
    """The advice the result gives; the person decides (§2.11 "Gate")."""

    SETTLED = "settled"
    SUGGEST_PAUSE = "suggest_pause"  # a U-turn, a 6 Fs, or another time


@dataclass(frozen=True, slots=True)
class Transition:
    to: Step
    words: Words = Words.NONE


TRANSITIONS: Final[Mapping[tuple[Step, Move], Transition]] = {
    (Step.PROMPT, Move.BEGIN): Transition(Step.RATE),
    (Step.RATE, Move.RATE): Transition(Step.NAME_PART),
    (Step.NAME_PART, Move.NAME_PART): Transition(Step.RESULT, Words.REQUIRED),
    (Step.NAME_PART, Move.SKIP): Transition(Step.RESULT),
}
FINISHED: Final = frozenset({Step.RESULT, Step.ABANDONED})


@dataclass(frozen=True, slots=True)
class SelfCheckIn:
    """One person's check-in; ``apply`` returns the next state, never mutates."""

    person: PersonId
    moment: Moment = Moment.ALONE
    exercise: str = ""  # the kind of run it sits before or after, e.g. "six_fs"
    step: Step = Step.PROMPT
    version: int = 0
    energy: SelfEnergy | None = None
    part_present: str = ""

    def apply(
        self, move: Move, by: PersonId, text: str | None = None, *, energy: SelfEnergy | None = None
    ) -> SelfCheckIn:
        """Make ``move``; ``rate`` carries the eight ratings.

        Raises:
            NotYourMove: anyone but the person checking in.
            MoveNotAllowed: not an arrow out of this step.
            InvalidInput: ratings missing on ``rate``, or the part's words unusable.
        """
        if by != self.person:
            raise NotYourMove(step=self.step.value, move=move.value)
        if move is Move.ABANDON:
            if self.step in FINISHED:
                raise MoveNotAllowed(step=self.step.value, move=move.value)
            return replace(self, step=Step.ABANDONED, version=self.version + 1)
        transition = TRANSITIONS.get((self.step, move))
        if transition is None:
            raise refuse(self.step, move)
        words = check_words(transition.words, text, limit=MAX_NAME)
        state = replace(self, step=transition.to, version=self.version + 1)
        if move is Move.RATE:
            if energy is None:
                raise InvalidInput("check_in.ratings_missing")
            return replace(state, energy=energy)
        return replace(state, part_present=words or "")

    def legal_moves(self, by: PersonId) -> list[Move]:
        if by != self.person or self.step in FINISHED:
            return []
        return [m for (s, m) in TRANSITIONS if s is self.step] + [Move.ABANDON]

    def gate(self) -> Gate | None:
        """Advice once rated: settled enough for harder work, or a gentler step first."""
        if self.energy is None:
            return None
        return Gate.SETTLED if self.energy.mean() >= SETTLED_AT else Gate.SUGGEST_PAUSE
