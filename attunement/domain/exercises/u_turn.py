"""The IFIO U-turn and speaking for a part, as a table of arrows (domain.md §2.9, §6.7).

When a reaction rises, attention turns from "what you did" to "what is happening in me": pause,
turn inward, find the part, listen to it briefly, get a little space from it, then return to the
partner speaking *for* the part. The partner may mirror what was said (as in the dialogue); that
is optional, and only the partner can do it. If the person is flooded, the U-turn becomes a
time-out. It is never used when there is danger: harm goes to the safety path (§4), not here.

``coach_rewrite`` reads the feedback engine's parts signal (blended / speaking for a part, §6.7)
together with a few words of the recipe; services call the engine, the domain only reads it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final

from attunement.domain.analysis import PartsSignal
from attunement.domain.errors import NotYourMove
from attunement.domain.feel_toward import FeelToward, Stance, classify
from attunement.domain.forgetting import shredded
from attunement.domain.guided import Interrupts, Words, check_words, refuse
from attunement.domain.ids import PersonId


class Step(StrEnum):
    TRIGGER_NOTICED = "TRIGGER_NOTICED"
    PAUSE = "PAUSE"
    TURN_INWARD = "TURN_INWARD"
    FIND_PART = "FIND_PART"
    LISTEN = "LISTEN"
    UNBLEND = "UNBLEND"
    RETURN = "RETURN"
    PARTNER_RECEIVES = "PARTNER_RECEIVES"
    TIMEOUT = "TIMEOUT"
    ABANDONED = "ABANDONED"
    DONE = "DONE"


class Move(StrEnum):
    NOTICE = "notice"
    BREATHE = "breathe"
    NOTICE_INSIDE = "notice_inside"
    NAME_PART = "name_part"
    NAME_NEED = "name_need"
    FEEL_TOWARD = "feel_toward"
    SPEAK_FOR = "speak_for"
    MIRROR = "mirror"
    SKIP_MIRROR = "skip_mirror"
    PAUSE = "pause"  # the time-out: flooded, or simply needs a break
    RESUME = "resume"
    ABANDON = "abandon"


class Role(StrEnum):
    PERSON = "person"
    PARTNER = "partner"
    EITHER = "either"


@dataclass(frozen=True, slots=True)
class Transition:
    by: Role
    to: Step
    words: Words = Words.NONE
    otherwise: Step | None = None  # blended feel-toward, or no partner to receive


P, R, E, REQ = Role.PERSON, Role.PARTNER, Role.EITHER, Words.REQUIRED

TRANSITIONS: Final[Mapping[tuple[Step, Move], Transition]] = {
    (Step.TRIGGER_NOTICED, Move.NOTICE): Transition(P, Step.PAUSE, REQ),
    (Step.PAUSE, Move.BREATHE): Transition(P, Step.TURN_INWARD),
    (Step.TURN_INWARD, Move.NOTICE_INSIDE): Transition(P, Step.FIND_PART, REQ),
    (Step.FIND_PART, Move.NAME_PART): Transition(P, Step.LISTEN, REQ),
    (Step.LISTEN, Move.NAME_NEED): Transition(P, Step.UNBLEND, REQ),
    (Step.UNBLEND, Move.FEEL_TOWARD): Transition(P, Step.RETURN, REQ, Step.UNBLEND),
    (Step.RETURN, Move.SPEAK_FOR): Transition(P, Step.PARTNER_RECEIVES, REQ, Step.DONE),
    (Step.PARTNER_RECEIVES, Move.MIRROR): Transition(R, Step.DONE, REQ),
    (Step.PARTNER_RECEIVES, Move.SKIP_MIRROR): Transition(E, Step.DONE),
}
FINISHED: Final = frozenset({Step.DONE, Step.ABANDONED})
PAUSES: Final = Interrupts(paused=Step.TIMEOUT, abandoned=Step.ABANDONED, finished=FINISHED)
INTERRUPTS: Final = frozenset({Move.PAUSE, Move.RESUME, Move.ABANDON})
#: What each move's words are kept as (the UTurnRecord of §3.4).
KEPT_AS: Final = {
    Move.NOTICE: "original",
    Move.NOTICE_INSIDE: "inside",
    Move.NAME_PART: "part_name",
    Move.NAME_NEED: "need",
    Move.SPEAK_FOR: "rewrite",
    Move.MIRROR: "mirror",
}


@dataclass(frozen=True, slots=True)
class UTurn:
    """One U-turn; ``partner`` is None when practising alone."""

    person: PersonId
    partner: PersonId | None = None
    step: Step = Step.TRIGGER_NOTICED
    version: int = 0
    original: str = ""
    inside: str = ""
    part_name: str = ""
    need: str = ""
    rewrite: str = ""
    mirror: str = ""
    feel_toward: tuple[FeelToward, ...] = ()
    resumes_at: Step | None = None

    def apply(self, move: Move, by: PersonId, text: str | None = None) -> UTurn:
        """Make ``move`` as ``by``.

        Raises:
            NotYourMove: not a member, or the other person's move.
            MoveNotAllowed: not an arrow out of this step.
            InvalidInput: the words are missing, empty or too long.
        """
        if by not in self._members():
            raise NotYourMove(step=self.step.value, move=move.value)
        if move in INTERRUPTS:
            step, resumes_at = PAUSES.apply(self.step, self.resumes_at, move.value)
            return replace(self, step=step, resumes_at=resumes_at, version=self.version + 1)
        transition = TRANSITIONS.get((self.step, move))
        if transition is None:
            raise refuse(self.step, move)
        if not self._may_act(transition.by, by):
            raise NotYourMove(step=self.step.value, move=move.value)
        words = check_words(transition.words, text) or ""
        state = replace(self, step=self._next(move, transition, words), version=self.version + 1)
        if move is Move.FEEL_TOWARD:
            return replace(state, feel_toward=(*self.feel_toward, classify(words)))
        if move in KEPT_AS:
            changes: dict[str, str] = {KEPT_AS[move]: words}
            return replace(state, **changes)  # type: ignore[arg-type]
        return state

    def without_words_of(self, person: PersonId) -> UTurn:
        """The U-turn as the other member keeps it once ``person`` has left (issue 6).

        The person who turned wrote every line but the mirror, which is the partner's alone;
        each feel-toward reading keeps its stance and loses the words that decided it.
        """
        state = self
        if person == self.partner:
            state = replace(state, mirror=shredded(self.mirror))
        if person == self.person:
            state = replace(
                state,
                original=shredded(self.original),
                inside=shredded(self.inside),
                part_name=shredded(self.part_name),
                need=shredded(self.need),
                rewrite=shredded(self.rewrite),
                feel_toward=tuple(
                    replace(f, self_words=(), blended_words=()) for f in self.feel_toward
                ),
            )
        return state

    def legal_moves(self, by: PersonId) -> list[Move]:
        if by not in self._members() or self.step in FINISHED:
            return []
        moves = [
            m for (s, m), t in TRANSITIONS.items() if s is self.step and self._may_act(t.by, by)
        ]
        return moves + [Move(m) for m in PAUSES.offered(self.step)]

    def needs_words(self, move: Move) -> Words:
        transition = TRANSITIONS.get((self.step, move))
        return Words.NONE if transition is None else transition.words

    def _members(self) -> tuple[PersonId, ...]:
        return (self.person,) if self.partner is None else (self.person, self.partner)

    def _may_act(self, role: Role, by: PersonId) -> bool:
        if role is Role.EITHER:
            return True
        return by == (self.partner if role is Role.PARTNER else self.person)

    def _next(self, move: Move, transition: Transition, words: str) -> Step:
        if move is Move.FEEL_TOWARD and classify(words).classified_as is Stance.BLENDED:
            return transition.otherwise or transition.to
        if move is Move.SPEAK_FOR and self.partner is None:
            return transition.otherwise or transition.to
        return transition.to


PART_WORDS: Final = re.compile(r"\b(a|one|some|this) part of me\b|\bsome of me\b|\bpart of me\b")
PARTNER_PARTS: Final = re.compile(r"\byour (\w+ )?(part|parts|critic|protector|exile|manager)\b")


def coach_rewrite(text: str, signal: PartsSignal) -> tuple[str, ...]:
    """Message keys for the writer only: what went well first, then at most one change (§6.8).

    Diagnosing the partner's parts ("your critic") is flagged gently; whether the engine should
    flag it at all is open question 13 of domain.md §7.
    """
    lowered = text.lower()
    notes: list[str] = []
    if signal.speaks_for_part or PART_WORDS.search(lowered):
        notes.append("u_turn.speaks_for_part")
    if PARTNER_PARTS.search(lowered):
        notes.append("u_turn.partner_parts")
    elif signal.blended:
        notes.append("u_turn.still_blended")
    elif not notes:
        notes.append("u_turn.name_the_part")
    return tuple(notes)
