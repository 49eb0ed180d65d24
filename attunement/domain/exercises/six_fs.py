"""Getting to know a protector with the 6 Fs, as one table of arrows (domain.md §2.6).

Find, focus, flesh out, feel toward, befriend, fears. The explorer works alone and in private;
the answers fill the target part's card (``CARD_ANSWERS``). At ``FEEL_TOWARD`` the answer is read
by ``feel_toward.classify``: a Self quality opens ``BEFRIEND``; anything else leads to ``UNBLEND``
(asking the part that answered to step back), because befriending while hostile to the part is
the mistake §2.6 tells the machine to block. A concerned part that will not step back may become
the new target; targets stack at most ``MAX_DEPTH`` deep, past which the session closes with a
summary. A protector's "no" to going further is recorded and never pushed past.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final

from attunement.domain.errors import NotYourMove
from attunement.domain.feel_toward import FeelToward, Stance, classify
from attunement.domain.guided import Interrupts, Words, check_words, refuse
from attunement.domain.ids import PartId, PersonId
from attunement.domain.parts import CardField, Permission, check_name

MAX_DEPTH: Final = 3


class Step(StrEnum):
    TRAILHEAD = "TRAILHEAD"
    FIND = "FIND"
    FOCUS = "FOCUS"
    FLESH_OUT = "FLESH_OUT"
    FEEL_TOWARD = "FEEL_TOWARD"
    UNBLEND = "UNBLEND"
    REASSURE = "REASSURE"
    BEFRIEND = "BEFRIEND"
    FEARS = "FEARS"
    NEXT = "NEXT"
    CLOSE = "CLOSE"
    PAUSED = "PAUSED"
    ABANDONED = "ABANDONED"
    DONE = "DONE"


class Move(StrEnum):
    CHOOSE_TRAILHEAD = "choose_trailhead"
    LOCATE = "locate"
    ATTENDING = "attending"
    NOTE_AGE = "note_age"
    DESCRIBE = "describe"
    FEEL_TOWARD = "feel_toward"
    STEPPED_BACK = "stepped_back"
    WONT_STEP_BACK = "wont_step_back"
    MAKE_TARGET = "make_target"
    BEFRIEND = "befriend"
    NAME_FEAR = "name_fear"
    PERMISSION_GRANTED = "permission_granted"
    PERMISSION_REFUSED = "permission_refused"
    NOTE_EXILE = "note_exile"
    EXPLORE_OTHER_SIDE = "explore_other_side"
    BACK_TO_EARLIER = "back_to_earlier"
    THANK = "thank"
    TAKEN_OVER = "taken_over"
    FLOODED = "flooded"
    FINISH = "finish"
    PAUSE = "pause"
    RESUME = "resume"
    ABANDON = "abandon"


@dataclass(frozen=True, slots=True)
class Transition:
    to: Step
    words: Words = Words.NONE
    if_blended: Step | None = None  # where a feel-toward answer without Self leads


REQ, OPT = Words.REQUIRED, Words.OPTIONAL
#: Steps inside the work, where a part can take over or exile feelings can flood in (§2.6).
INSIDE: Final = (Step.FIND, Step.FOCUS, Step.FLESH_OUT, Step.FEEL_TOWARD, Step.BEFRIEND, Step.FEARS)

TRANSITIONS: Final[Mapping[tuple[Step, Move], Transition]] = {
    (Step.TRAILHEAD, Move.CHOOSE_TRAILHEAD): Transition(Step.FIND, REQ),
    (Step.FIND, Move.LOCATE): Transition(Step.FOCUS, REQ),
    (Step.FOCUS, Move.ATTENDING): Transition(Step.FLESH_OUT),
    (Step.FLESH_OUT, Move.NOTE_AGE): Transition(Step.FLESH_OUT, REQ),
    (Step.FLESH_OUT, Move.DESCRIBE): Transition(Step.FEEL_TOWARD, REQ),
    (Step.FEEL_TOWARD, Move.FEEL_TOWARD): Transition(Step.BEFRIEND, REQ, Step.UNBLEND),
    (Step.UNBLEND, Move.STEPPED_BACK): Transition(Step.FEEL_TOWARD),
    (Step.UNBLEND, Move.WONT_STEP_BACK): Transition(Step.REASSURE, REQ),
    (Step.REASSURE, Move.STEPPED_BACK): Transition(Step.FEEL_TOWARD),
    (Step.REASSURE, Move.MAKE_TARGET): Transition(Step.FIND, REQ),
    (Step.BEFRIEND, Move.BEFRIEND): Transition(Step.FEARS, REQ),
    (Step.FEARS, Move.NAME_FEAR): Transition(Step.NEXT, REQ),
    (Step.NEXT, Move.PERMISSION_GRANTED): Transition(Step.NEXT),
    (Step.NEXT, Move.PERMISSION_REFUSED): Transition(Step.NEXT),
    (Step.NEXT, Move.NOTE_EXILE): Transition(Step.CLOSE, REQ),
    (Step.NEXT, Move.EXPLORE_OTHER_SIDE): Transition(Step.FIND, REQ),
    (Step.NEXT, Move.BACK_TO_EARLIER): Transition(Step.FEEL_TOWARD),
    (Step.NEXT, Move.THANK): Transition(Step.CLOSE),
    **{(step, Move.TAKEN_OVER): Transition(Step.UNBLEND) for step in INSIDE},
    **{(step, Move.FLOODED): Transition(Step.CLOSE) for step in INSIDE},
    (Step.CLOSE, Move.FINISH): Transition(Step.DONE, OPT),
}

#: Which line of the target's card each answer fills.
CARD_ANSWERS: Final[Mapping[Move, CardField]] = {
    Move.LOCATE: CardField.BODY_LOCATION,
    Move.NOTE_AGE: CardField.FELT_AGE,
    Move.DESCRIBE: CardField.DESCRIPTION,
    Move.BEFRIEND: CardField.DOES,
    Move.NAME_FEAR: CardField.FEARS,
}
PERMISSIONS: Final = {
    Move.PERMISSION_GRANTED: Permission.GRANTED,
    Move.PERMISSION_REFUSED: Permission.REFUSED,
}
NEW_TARGET: Final = frozenset({Move.MAKE_TARGET, Move.EXPLORE_OTHER_SIDE})
FINISHED: Final = frozenset({Step.DONE, Step.ABANDONED})
INTERRUPTS: Final = frozenset({Move.PAUSE, Move.RESUME, Move.ABANDON})
PAUSES: Final = Interrupts(paused=Step.PAUSED, abandoned=Step.ABANDONED, finished=FINISHED)


@dataclass(frozen=True, slots=True)
class Target:
    """A part being worked with; ``part`` is its card, once there is one."""

    name: str
    part: PartId | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    target: int  # index into ``SixFs.targets``
    field: CardField
    text: str


@dataclass(frozen=True, slots=True)
class SixFs:
    """One explorer's 6 Fs session; ``apply`` returns the next state, never mutates."""

    explorer: PersonId
    targets: tuple[Target, ...]
    step: Step = Step.TRAILHEAD
    stack: tuple[int, ...] = (0,)  # indices of targets still open; the last is worked with
    version: int = 0
    trailhead: str = ""
    answers: tuple[Answer, ...] = ()
    feel_toward: tuple[tuple[int, FeelToward], ...] = ()
    permission: Permission = Permission.NONE
    exile_noted: str = ""
    learned: str = ""
    resumes_at: Step | None = None

    @staticmethod
    def start(explorer: PersonId, name: str, part: PartId | None = None) -> SixFs:
        """A session with the part the explorer wants to get to know."""
        return SixFs(explorer=explorer, targets=(Target(check_name(name), part),))

    @property
    def target(self) -> Target:
        return self.targets[self.stack[-1]]

    def apply(
        self, move: Move, by: PersonId, text: str | None = None, *, part: PartId | None = None
    ) -> SixFs:
        """Make ``move``; ``part`` names the card of a new target, when it has one.

        Raises:
            NotYourMove: anyone but the explorer.
            MoveNotAllowed: not an arrow out of this step, or a guard says no.
            InvalidInput: the words are missing, empty or too long.
        """
        if by != self.explorer:
            raise NotYourMove(step=self.step.value, move=move.value)
        if move in INTERRUPTS:
            return self._interrupt(move)
        transition = TRANSITIONS.get((self.step, move))
        if transition is None or not self._guard(move):
            raise refuse(self.step, move)
        words = check_words(transition.words, text)
        return self._advance(move, transition, words, part)

    def legal_moves(self, by: PersonId) -> list[Move]:
        """The moves ``by`` may make now, in table order, interrupts last."""
        if by != self.explorer or self.step in FINISHED:
            return []
        moves = [m for (s, m) in TRANSITIONS if s is self.step and self._guard(m)]
        return moves + [Move(m) for m in PAUSES.offered(self.step)]

    def needs_words(self, move: Move) -> Words:
        transition = TRANSITIONS.get((self.step, move))
        return Words.NONE if transition is None else transition.words

    def card_of(self, target: int) -> Mapping[CardField, str]:
        """The latest answer for each card line of one target."""
        return {a.field: a.text for a in self.answers if a.target == target}

    def _guard(self, move: Move) -> bool:
        if move is Move.BACK_TO_EARLIER:
            return len(self.stack) > 1
        return True

    def _advance(
        self, move: Move, transition: Transition, words: str | None, part: PartId | None
    ) -> SixFs:
        state = replace(self, step=transition.to, version=self.version + 1)
        if move is Move.FEEL_TOWARD:
            return state._felt(classify(words or ""), transition)
        if move in NEW_TARGET:
            return state._push(Target(check_name(words), part))
        return state._record(move, words or "")

    def _record(self, move: Move, words: str) -> SixFs:
        """Keep what a move says: a card line, the protector's answer, the close."""
        state = self
        if move is Move.CHOOSE_TRAILHEAD:
            state = replace(self, trailhead=words)
        elif move in CARD_ANSWERS:
            answer = Answer(self.stack[-1], CARD_ANSWERS[move], words)
            state = replace(self, answers=(*self.answers, answer))
        elif move in PERMISSIONS:
            state = replace(self, permission=PERMISSIONS[move])
        elif move is Move.BACK_TO_EARLIER:
            state = replace(self, stack=self.stack[:-1])
        elif move is Move.NOTE_EXILE:
            state = replace(self, exile_noted=words)
        elif move is Move.FINISH:
            state = replace(self, learned=words)
        return state

    def _felt(self, reading: FeelToward, transition: Transition) -> SixFs:
        blended = reading.classified_as is Stance.BLENDED
        return replace(
            self,
            step=transition.if_blended if blended and transition.if_blended else transition.to,
            feel_toward=(*self.feel_toward, (self.stack[-1], reading)),
        )

    def _push(self, target: Target) -> SixFs:
        """A new target part; past ``MAX_DEPTH`` the session closes with a summary (§2.6)."""
        if len(self.stack) >= MAX_DEPTH:
            return replace(self, step=Step.CLOSE)
        index = len(self.targets)
        return replace(
            self,
            targets=(*self.targets, target),
            stack=(*self.stack, index),
            permission=Permission.NONE,
        )

    def _interrupt(self, move: Move) -> SixFs:
        step, resumes_at = PAUSES.apply(self.step, self.resumes_at, move.value)
        return replace(self, step=step, resumes_at=resumes_at, version=self.version + 1)
