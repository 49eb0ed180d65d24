"""The Appreciation Dialogue as a state machine (domain.md §2.5.1).

The sender asks for a moment, then names something specific the receiver did or is, how it felt
and what it meant; the receiver mirrors it and takes it in (the sender says whether it landed, and
whether there is more to appreciate), then thanks; the receiver may ask to give one back, which
swaps the roles. The global interrupts of §0.1 apply, though they are rarely needed here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final

from attunement.domain.ids import PersonId
from attunement.domain.interrupts import Stops, as_interrupt
from attunement.domain.mirroring import LoopMoves, LoopSteps, mirror_loop
from attunement.domain.steps import Pair, Role, Rules, Text, Transition

MAX_ASK = 200


class Step(StrEnum):
    REQUEST_APPOINTMENT = "REQUEST_APPOINTMENT"
    APPOINTMENT_RESPONSE = "APPOINTMENT_RESPONSE"
    GIVE = "GIVE"
    RECEIVE = "RECEIVE"
    RECEIVE_CHECK = "RECEIVE_CHECK"
    ASK_MORE = "ASK_MORE"
    THANK = "THANK"
    SWAP_OFFER = "SWAP_OFFER"
    TIMEOUT = "TIMEOUT"
    SAFETY_HOLD = "SAFETY_HOLD"
    ABANDONED = "ABANDONED"
    DONE = "DONE"


class Move(StrEnum):
    REQUEST_APPOINTMENT = "request_appointment"
    ACCEPT_NOW = "accept_now"
    APPRECIATE = "appreciate"
    MIRROR = "mirror"
    ACCURATE = "accurate"
    PARTLY = "partly"
    MORE = "more"
    NO_MORE = "no_more"
    THANK = "thank"
    SWAP = "swap"
    FINISH = "finish"
    TIME_OUT = "time_out"
    RESUME = "resume"
    ABANDON = "abandon"


S, R, E = Role.SENDER, Role.RECEIVER, Role.EITHER

TRANSITIONS: Final[Mapping[tuple[Step, Move], Transition[Step]]] = {
    (Step.REQUEST_APPOINTMENT, Move.REQUEST_APPOINTMENT): Transition(
        S, Step.APPOINTMENT_RESPONSE, Text.OPTIONAL
    ),
    (Step.APPOINTMENT_RESPONSE, Move.ACCEPT_NOW): Transition(R, Step.GIVE),
    **mirror_loop(
        LoopSteps(Step.GIVE, Step.RECEIVE, Step.RECEIVE_CHECK, Step.ASK_MORE),
        LoopMoves(
            Move.APPRECIATE, Move.MIRROR, Move.ACCURATE, Move.PARTLY, Move.MORE, Move.NO_MORE
        ),
        then=Step.THANK,
    ),
    (Step.THANK, Move.THANK): Transition(R, Step.SWAP_OFFER, Text.REQUIRED),
    (Step.SWAP_OFFER, Move.SWAP): Transition(R, Step.REQUEST_APPOINTMENT),
    (Step.SWAP_OFFER, Move.FINISH): Transition(E, Step.DONE),
}
RULES: Final = Rules(TRANSITIONS, {Move.REQUEST_APPOINTMENT: MAX_ASK})
STOPS: Final = Stops(
    time_out=Step.TIMEOUT, abandoned=Step.ABANDONED, done=Step.DONE, held=Step.SAFETY_HOLD
)
#: Steps whose turns are mirrors, for the recap after a time-out.
MIRROR_STEPS: Final = frozenset({Step.RECEIVE})

# Praise that carries a sting (§2.5.1): "for once", "finally", "at least", or a "but" clause.
_BACKHANDED = re.compile(r"\b(for once|finally|at last|at least|but|even you)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class AppreciationDialogue:
    """One appreciation given and received; ``apply`` returns the next state."""

    sender: PersonId
    receiver: PersonId
    step: Step = Step.REQUEST_APPOINTMENT
    round: int = 1
    version: int = 0
    mirror_corrections: int = 0
    resumes_at: Step | None = None

    @property
    def pair(self) -> Pair:
        return Pair(self.sender, self.receiver)

    def apply(self, move: Move, by: PersonId, text: str | None = None) -> AppreciationDialogue:
        """Make ``move`` as ``by``; refusals as in ``Rules.arrow`` and ``Stops.interrupt``."""
        kind = as_interrupt(move)
        if kind is not None:
            self.pair.check_member(by, self.step)
            step, resumes_at = STOPS.interrupt(kind, self.step, self.resumes_at)
            return replace(self, step=step, resumes_at=resumes_at, version=self.version + 1)
        transition = RULES.arrow(self.step, move, by, self.pair, text)
        if move is Move.SWAP:
            return AppreciationDialogue(
                sender=self.receiver,
                receiver=self.sender,
                round=self.round + 1,
                version=self.version + 1,
            )
        return replace(
            self,
            step=transition.to,
            version=self.version + 1,
            mirror_corrections=self.mirror_corrections + (move is Move.PARTLY),
        )

    def legal_moves(self, by: PersonId) -> list[Move]:
        """The moves ``by`` may make now, table moves first, interrupts last."""
        if by not in (self.sender, self.receiver):
            return []
        interrupts = [Move(kind.value) for kind in STOPS.offered(self.step)]
        return RULES.moves_for(self.step, by, self.pair) + interrupts

    def whose_turn(self) -> PersonId | None:
        """The person the next ordinary move belongs to; None when either or nobody may move."""
        return RULES.owner(self.step, self.pair)

    def needs_text(self, move: Move) -> Text:
        """Whether ``move`` at this step carries words."""
        return RULES.needs_text(self.step, move)

    def without_words_of(self, person: PersonId) -> AppreciationDialogue:
        """The run as the other partner keeps it once ``person`` has left (issue 6).

        Its words live only in the turns (shredded with their speaker's key), so it stays whole.
        """
        del person
        return self

    def hold_for_safety(self) -> AppreciationDialogue:
        """Stop joint work for both; only a person outside the run reopens it (§0.1)."""
        if self.step in STOPS.finished:
            return self
        return replace(self, step=Step.SAFETY_HOLD, resumes_at=None, version=self.version + 1)


def backhanded(text: str) -> list[str]:
    """Words that can turn praise into a dig, as the writer typed them (advice, not a gate)."""
    return [match.group(0) for match in _BACKHANDED.finditer(text)]
