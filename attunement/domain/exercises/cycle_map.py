"""Mapping the couple's protective cycle, "the dance", as a table of arrows (domain.md §2.10).

The partners take turns: when the other does X, what happens inside me (a feeling, often an
exile's), and what my protector then does. Each protector move is the next partner's trigger, so
one partner's protector is drawn landing on the other's exile. When the loop comes back round,
each partner confirms *only their own* steps, guesses (for themselves) what vulnerable part each
of their moves protects, and the couple names the cycle in their own neutral words. A person
edits only their own steps (§2.10 rules); any safety flag stops the map for both (§0.1, §4).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final

from attunement.domain.errors import InvalidInput, NotYourMove
from attunement.domain.forgetting import shredded
from attunement.domain.guided import Interrupts, Words, check_words, refuse
from attunement.domain.ids import PersonId

MAX_NAME: Final = 80
MAX_STEPS: Final = 12  # a loop longer than this is two loops


class Step(StrEnum):
    OPENING = "OPENING"
    FEELING = "FEELING"
    PROTECTOR_MOVE = "PROTECTOR_MOVE"
    LOOP_CHECK = "LOOP_CHECK"
    REFLECT = "REFLECT"
    EXILES = "EXILES"
    NAME = "NAME"
    NAME_CHECK = "NAME_CHECK"
    INVITE = "INVITE"
    MAPPED = "MAPPED"
    PAUSED = "PAUSED"
    SAFETY_HOLD = "SAFETY_HOLD"
    ABANDONED = "ABANDONED"


class Move(StrEnum):
    DESCRIBE_TRIGGER = "describe_trigger"
    DESCRIBE_FEELING = "describe_feeling"
    DESCRIBE_MOVE = "describe_move"
    HAND_OVER = "hand_over"
    LOOP_CLOSES = "loop_closes"
    REWORD_FEELING = "reword_feeling"
    CONFIRM_MINE = "confirm_mine"
    GUESS_EXILE = "guess_exile"
    EXILES_DONE = "exiles_done"
    PROPOSE_NAME = "propose_name"
    AGREE_NAME = "agree_name"
    WANT_HELP = "want_help"
    NOT_NOW = "not_now"
    SIGHTED = "sighted"
    PAUSE = "pause"
    RESUME = "resume"
    ABANDON = "abandon"


class Role(StrEnum):
    FIRST = "first"  # the partner who opened the map
    CURRENT = "current"  # the owner of the step being told
    OWNER = "owner"  # the owner of the step named by ``at``
    OTHER = "other"  # not the partner who proposed the name
    EITHER = "either"


@dataclass(frozen=True, slots=True)
class Transition:
    by: Role
    to: Step
    words: Words = Words.NONE


REQ = Words.REQUIRED
TRANSITIONS: Final[Mapping[tuple[Step, Move], Transition]] = {
    (Step.OPENING, Move.DESCRIBE_TRIGGER): Transition(Role.FIRST, Step.FEELING, REQ),
    (Step.FEELING, Move.DESCRIBE_FEELING): Transition(Role.CURRENT, Step.PROTECTOR_MOVE, REQ),
    (Step.PROTECTOR_MOVE, Move.DESCRIBE_MOVE): Transition(Role.CURRENT, Step.LOOP_CHECK, REQ),
    (Step.LOOP_CHECK, Move.HAND_OVER): Transition(Role.EITHER, Step.FEELING),
    (Step.LOOP_CHECK, Move.LOOP_CLOSES): Transition(Role.EITHER, Step.REFLECT),
    (Step.REFLECT, Move.REWORD_FEELING): Transition(Role.OWNER, Step.REFLECT, REQ),
    (Step.REFLECT, Move.CONFIRM_MINE): Transition(Role.EITHER, Step.EXILES),
    (Step.EXILES, Move.GUESS_EXILE): Transition(Role.OWNER, Step.EXILES, REQ),
    (Step.EXILES, Move.EXILES_DONE): Transition(Role.EITHER, Step.NAME),
    (Step.NAME, Move.PROPOSE_NAME): Transition(Role.EITHER, Step.NAME_CHECK, REQ),
    (Step.NAME_CHECK, Move.PROPOSE_NAME): Transition(Role.OTHER, Step.NAME_CHECK, REQ),
    (Step.NAME_CHECK, Move.AGREE_NAME): Transition(Role.OTHER, Step.INVITE),
    (Step.INVITE, Move.WANT_HELP): Transition(Role.EITHER, Step.MAPPED),
    (Step.INVITE, Move.NOT_NOW): Transition(Role.EITHER, Step.MAPPED),
    (Step.MAPPED, Move.SIGHTED): Transition(Role.EITHER, Step.MAPPED),
}
STOPPED: Final = frozenset({Step.MAPPED, Step.SAFETY_HOLD, Step.ABANDONED})
PAUSES: Final = Interrupts(paused=Step.PAUSED, abandoned=Step.ABANDONED, finished=STOPPED)
INTERRUPTS: Final = frozenset({Move.PAUSE, Move.RESUME, Move.ABANDON})
NEEDS_AT: Final = frozenset({Move.REWORD_FEELING, Move.GUESS_EXILE, Move.SIGHTED})


class Line(StrEnum):
    FEELING = "inner_feeling"
    MOVE = "protector_move"
    EXILE = "exile_guess"


LINE_OF: Final = {
    Move.DESCRIBE_FEELING: Line.FEELING,
    Move.DESCRIBE_MOVE: Line.MOVE,
    Move.REWORD_FEELING: Line.FEELING,
    Move.GUESS_EXILE: Line.EXILE,
}


@dataclass(frozen=True, slots=True)
class CycleStep:
    """One turn of the dance: what I saw, what it stirred in me, what my protector did."""

    owner: PersonId
    observed_trigger: str
    inner_feeling: str = ""
    protector_move: str = ""
    exile_guess: str = ""
    confirmed: bool = False


@dataclass(frozen=True, slots=True)
class CycleMap:
    """The couple's map; ``apply`` returns the next state, never mutates."""

    first: PersonId
    second: PersonId
    step: Step = Step.OPENING
    version: int = 0
    steps: tuple[CycleStep, ...] = ()
    name: str = ""
    named_by: PersonId | None = None
    wants_help: bool = False
    sightings: tuple[int, ...] = ()  # "we caught it at step 2"
    resumes_at: Step | None = None

    def apply(
        self, move: Move, by: PersonId, text: str | None = None, *, at: int | None = None
    ) -> CycleMap:
        """Make ``move`` as ``by``; ``at`` names the step a reword, guess or sighting is about.

        Raises:
            NotYourMove: not a partner, or another person's step.
            MoveNotAllowed: not an arrow out of this step, or the loop is not round yet.
            InvalidInput: words unusable, or ``at`` names no step.
        """
        if by not in (self.first, self.second):
            raise NotYourMove(step=self.step.value, move=move.value)
        if move in INTERRUPTS:
            step, resumes_at = PAUSES.apply(self.step, self.resumes_at, move.value)
            return replace(self, step=step, resumes_at=resumes_at, version=self.version + 1)
        transition = TRANSITIONS.get((self.step, move))
        if transition is None or not self._guard(move, by):
            raise refuse(self.step, move)
        if move in NEEDS_AT:
            self._step_at(at)
        if not self._may_act(transition.by, by, at if move in NEEDS_AT else None):
            raise NotYourMove(step=self.step.value, move=move.value)
        limit = MAX_NAME if move is Move.PROPOSE_NAME else 1000
        words = check_words(transition.words, text, limit=limit) or ""
        state = replace(self, step=transition.to, version=self.version + 1)
        return state._record(move, by, words, at)

    def legal_moves(self, by: PersonId) -> list[Move]:
        """Moves open to ``by`` now; step-specific ones are offered if ``by`` owns any step."""
        if by not in (self.first, self.second) or self.step in {Step.ABANDONED, Step.SAFETY_HOLD}:
            return []
        moves = [
            m
            for (s, m), t in TRANSITIONS.items()
            if s is self.step and self._guard(m, by) and self._may_act(t.by, by, None)
        ]
        return moves + [Move(m) for m in PAUSES.offered(self.step)]

    def hold_for_safety(self) -> CycleMap:
        """Stop the map for both; fear of the partner belongs to §4, not to a cycle map."""
        if self.step in {Step.ABANDONED, Step.SAFETY_HOLD}:
            return self
        return replace(self, step=Step.SAFETY_HOLD, resumes_at=None, version=self.version + 1)

    def without_words_of(self, person: PersonId) -> CycleMap:
        """The map as the other partner keeps it once ``person`` has left (issue 6).

        A step's feeling, move and exile guess are its owner's. Its trigger is the owner's on
        the first step and, on a handed-over step, the previous owner's move copied across; we
        forget it when either of the two is ``person``. The name is its proposer's, and one
        without a proposer is forgotten too.
        """
        handed_by = (None, *(s.owner for s in self.steps))
        steps = tuple(
            _step_without(s, person, handed_by=h)
            for s, h in zip(self.steps, handed_by, strict=False)
        )
        name = self.name if self.named_by not in (person, None) else shredded(self.name)
        return replace(self, steps=steps, name=name)

    def owner_of_current(self) -> PersonId:
        return self.steps[-1].owner if self.steps else self.first

    def _other(self, person: PersonId) -> PersonId:
        return self.second if person == self.first else self.first

    def _guard(self, move: Move, by: PersonId) -> bool:
        if move is Move.LOOP_CLOSES:
            return {s.owner for s in self.steps} == {self.first, self.second}
        if move is Move.HAND_OVER:
            return len(self.steps) < MAX_STEPS
        if move is Move.CONFIRM_MINE:
            return any(s.owner == by and not s.confirmed for s in self.steps)
        return True

    def _may_act(self, role: Role, by: PersonId, at: int | None) -> bool:
        if role is Role.OWNER:
            owners = {s.owner for s in self.steps} if at is None else {self._step_at(at).owner}
            return by in owners
        if role is Role.EITHER:
            return True
        expected = {
            Role.FIRST: self.first,
            Role.CURRENT: self.owner_of_current(),
            Role.OTHER: self._other(self.named_by or self.second),
        }[role]
        return by == expected

    def _step_at(self, at: int | None) -> CycleStep:
        if at is None or not 0 <= at < len(self.steps):
            raise InvalidInput("cycle_map.no_such_step")
        return self.steps[at]

    def _record(self, move: Move, by: PersonId, words: str, at: int | None) -> CycleMap:
        if move is Move.DESCRIBE_TRIGGER:
            return replace(self, steps=(CycleStep(by, words),))
        if move is Move.HAND_OVER:
            last = self.steps[-1]
            handed = CycleStep(self._other(last.owner), last.protector_move)
            return replace(self, steps=(*self.steps, handed))
        if move in LINE_OF:
            index = len(self.steps) - 1 if at is None else at
            if move not in NEEDS_AT and index != len(self.steps) - 1:
                # Telling writes the current step only, so each line stays its owner's words
                # (account deletion relies on it, issue 6).
                raise InvalidInput("cycle_map.no_such_step")
            self._step_at(index)  # a step named by the client must exist, whoever may edit it
            return self._edit(index, LINE_OF[move], words)
        if move is Move.CONFIRM_MINE:
            return self._confirm(by)
        return self._record_ending(move, by, words, at)

    def _record_ending(self, move: Move, by: PersonId, words: str, at: int | None) -> CycleMap:
        if move is Move.PROPOSE_NAME:
            return replace(self, name=words, named_by=by)
        if move is Move.WANT_HELP:
            return replace(self, wants_help=True)
        if move is Move.SIGHTED and at is not None:
            return replace(self, sightings=(*self.sightings, at))
        return self

    def _edit(self, index: int, line: Line, words: str) -> CycleMap:
        """Rewrite one line of one step; a reworded feeling waits for its owner's confirmation."""
        old = self.steps[index]
        if line is Line.FEELING:
            new = replace(old, inner_feeling=words, confirmed=False)
        elif line is Line.MOVE:
            new = replace(old, protector_move=words)
        else:
            new = replace(old, exile_guess=words)
        return replace(self, steps=(*self.steps[:index], new, *self.steps[index + 1 :]))

    def _confirm(self, by: PersonId) -> CycleMap:
        steps = tuple(replace(s, confirmed=True) if s.owner == by else s for s in self.steps)
        all_confirmed = all(s.confirmed for s in steps)
        return replace(self, steps=steps, step=Step.EXILES if all_confirmed else Step.REFLECT)


def _step_without(step: CycleStep, person: PersonId, *, handed_by: PersonId | None) -> CycleStep:
    """``step`` with whatever ``person`` may have written in it forgotten."""
    wrote_trigger = person in (step.owner, handed_by)
    trigger = shredded(step.observed_trigger) if wrote_trigger else step.observed_trigger
    if step.owner != person:
        return replace(step, observed_trigger=trigger)
    return replace(
        step,
        observed_trigger=trigger,
        inner_feeling=shredded(step.inner_feeling),
        protector_move=shredded(step.protector_move),
        exile_guess=shredded(step.exile_guess),
    )
