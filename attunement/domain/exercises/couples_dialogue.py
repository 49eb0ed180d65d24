"""The Couple's Dialogue as a state machine driven by one transition table (domain.md §2.1).

A round: the sender asks for an appointment, sends a chunk, the receiver mirrors it and the
sender says whether it landed ("Is there more?" loops back to send); then the receiver summarizes,
validates and empathizes, each checked by the sender; both close with an appreciation, and the
receiver may ask to swap roles for a new round.

Each writing step (``MIRROR``, ``SUMMARY``, ``VALIDATE``, ``EMPATHIZE``) is followed by a
``…_CHECK`` step that belongs to the sender, because only the owner of a step confirms it: the
analyzer's score is advice, the sender's word decides (domain.md §0.1, invariant 1). Time-outs and
abandoning are the global interrupts of §0.1; safety holds are applied by ``hold_for_safety``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final

from attunement.domain.errors import MoveNotAllowed, NotYourMove
from attunement.domain.ids import PersonId
from attunement.domain.steps import MAX_TEXT, Role, Text, check_text

# Who acts and whether a move carries words are the same for every exercise (domain/steps.py);
# they are re-exported here because the dialogue's callers have always imported them from here.
__all__ = [
    "FINISHED",
    "MAX_TEXT",
    "MAX_TOPIC",
    "MORE_LOOPS_BEFORE_NUDGE",
    "NOT_RUNNING",
    "SENDER_WORDS",
    "TRANSITIONS",
    "CouplesDialogue",
    "Move",
    "Role",
    "Step",
    "Text",
    "Transition",
    "check_text",
]

MAX_TOPIC = 120
MORE_LOOPS_BEFORE_NUDGE = 6  # §2.1: after N "more" loops, suggest the summary


class Step(StrEnum):
    REQUEST_APPOINTMENT = "REQUEST_APPOINTMENT"
    APPOINTMENT_RESPONSE = "APPOINTMENT_RESPONSE"
    SCHEDULED = "SCHEDULED"
    SEND = "SEND"
    MIRROR = "MIRROR"
    MIRROR_CHECK = "MIRROR_CHECK"
    ASK_MORE = "ASK_MORE"
    SUMMARY = "SUMMARY"
    SUMMARY_CHECK = "SUMMARY_CHECK"
    VALIDATE = "VALIDATE"
    VALIDATE_CHECK = "VALIDATE_CHECK"
    EMPATHIZE = "EMPATHIZE"
    EMPATHIZE_CHECK = "EMPATHIZE_CHECK"
    CLOSE = "CLOSE"
    CLOSE_REPLY = "CLOSE_REPLY"
    SWAP_OFFER = "SWAP_OFFER"
    TIMEOUT = "TIMEOUT"
    SAFETY_HOLD = "SAFETY_HOLD"
    ABANDONED = "ABANDONED"
    DONE = "DONE"


class Move(StrEnum):
    REQUEST_APPOINTMENT = "request_appointment"
    ACCEPT_NOW = "accept_now"
    SCHEDULE = "schedule"
    CHUNK_DONE = "chunk_done"
    MIRROR = "mirror"
    ACCURATE = "accurate"
    PARTLY = "partly"
    MORE = "more"
    NO_MORE = "no_more"
    SUMMARIZE = "summarize"
    COMPLETE = "complete"
    ADDITION = "addition"
    VALIDATE = "validate"
    ASK_CLARIFY = "ask_clarify"
    LANDED = "landed"
    EMPATHIZE = "empathize"
    CONFIRMED = "confirmed"
    CORRECTED = "corrected"
    APPRECIATE = "appreciate"
    SWAP = "swap"
    FINISH = "finish"
    TIME_OUT = "time_out"
    RESUME = "resume"
    ABANDON = "abandon"


@dataclass(frozen=True, slots=True)
class Transition:
    by: Role
    to: Step
    text: Text = Text.NONE


S, R, E = Role.SENDER, Role.RECEIVER, Role.EITHER
REQ, OPT = Text.REQUIRED, Text.OPTIONAL

TRANSITIONS: Final[Mapping[tuple[Step, Move], Transition]] = {
    (Step.REQUEST_APPOINTMENT, Move.REQUEST_APPOINTMENT): Transition(
        S, Step.APPOINTMENT_RESPONSE, REQ
    ),
    (Step.APPOINTMENT_RESPONSE, Move.ACCEPT_NOW): Transition(R, Step.SEND),
    (Step.APPOINTMENT_RESPONSE, Move.SCHEDULE): Transition(R, Step.SCHEDULED, REQ),
    (Step.SCHEDULED, Move.ACCEPT_NOW): Transition(R, Step.SEND),
    (Step.SEND, Move.CHUNK_DONE): Transition(S, Step.MIRROR, REQ),
    (Step.MIRROR, Move.MIRROR): Transition(R, Step.MIRROR_CHECK, REQ),
    (Step.MIRROR_CHECK, Move.ACCURATE): Transition(S, Step.ASK_MORE),
    (Step.MIRROR_CHECK, Move.PARTLY): Transition(S, Step.MIRROR, REQ),
    (Step.ASK_MORE, Move.MORE): Transition(S, Step.SEND),
    (Step.ASK_MORE, Move.NO_MORE): Transition(S, Step.SUMMARY),
    (Step.SUMMARY, Move.SUMMARIZE): Transition(R, Step.SUMMARY_CHECK, REQ),
    (Step.SUMMARY_CHECK, Move.COMPLETE): Transition(S, Step.VALIDATE),
    (Step.SUMMARY_CHECK, Move.ADDITION): Transition(S, Step.SEND),
    (Step.VALIDATE, Move.VALIDATE): Transition(R, Step.VALIDATE_CHECK, REQ),
    (Step.VALIDATE, Move.ASK_CLARIFY): Transition(R, Step.SEND, REQ),
    (Step.VALIDATE_CHECK, Move.LANDED): Transition(S, Step.EMPATHIZE),
    (Step.VALIDATE_CHECK, Move.PARTLY): Transition(S, Step.VALIDATE, REQ),
    (Step.EMPATHIZE, Move.EMPATHIZE): Transition(R, Step.EMPATHIZE_CHECK, REQ),
    (Step.EMPATHIZE_CHECK, Move.CONFIRMED): Transition(S, Step.CLOSE),
    (Step.EMPATHIZE_CHECK, Move.CORRECTED): Transition(S, Step.EMPATHIZE, REQ),
    (Step.CLOSE, Move.APPRECIATE): Transition(S, Step.CLOSE_REPLY, REQ),
    (Step.CLOSE_REPLY, Move.APPRECIATE): Transition(R, Step.SWAP_OFFER, REQ),
    (Step.SWAP_OFFER, Move.SWAP): Transition(R, Step.REQUEST_APPOINTMENT),
    (Step.SWAP_OFFER, Move.FINISH): Transition(E, Step.DONE),
}

#: Steps where nobody can move any more (the run is over).
FINISHED: Final = frozenset({Step.DONE, Step.ABANDONED})
#: Steps the global interrupts of domain.md §0.1 cannot leave from.
NOT_RUNNING: Final = FINISHED | {Step.TIMEOUT, Step.SAFETY_HOLD}
#: Moves that write a turn in the sender's voice (what the receiver reflects).
SENDER_WORDS: Final = frozenset({Move.CHUNK_DONE, Move.REQUEST_APPOINTMENT})


@dataclass(frozen=True, slots=True)
class CouplesDialogue:
    """One dialogue between two partners; ``apply`` returns the next state, never mutates."""

    sender: PersonId
    receiver: PersonId
    step: Step = Step.REQUEST_APPOINTMENT
    round: int = 1
    version: int = 0  # moves applied so far; a screen older than this is stale
    mirror_corrections: int = 0
    more_loops: int = 0
    resumes_at: Step | None = None  # where a time-out returns to

    def apply(self, move: Move, by: PersonId, text: str | None = None) -> CouplesDialogue:
        """Make ``move`` as ``by``; refuse illegal moves, moves out of turn and unusable text.

        Raises:
            MoveNotAllowed: the move is not legal at this step.
            NotYourMove: the move is legal, but it is the other partner's to make.
            InvalidInput: the words are missing, empty or too long.
        """
        self._check_member(by)
        if move in (Move.TIME_OUT, Move.RESUME, Move.ABANDON):
            return self._interrupt(move)
        transition = TRANSITIONS.get((self.step, move))
        if transition is None:
            raise MoveNotAllowed(step=self.step.value, move=move.value)
        if not self._may_act(transition.by, by):
            raise NotYourMove(step=self.step.value, move=move.value)
        check_text(
            transition.text, text, limit=MAX_TOPIC if move is Move.REQUEST_APPOINTMENT else MAX_TEXT
        )
        return self._advance(move, transition.to)

    def person_in(self, role: Role) -> PersonId:
        """Who holds ``role`` in this round (``EITHER`` is answered with the sender)."""
        return self.receiver if role is Role.RECEIVER else self.sender

    def whose_turn(self) -> PersonId | None:
        """The person the next ordinary move belongs to; None when either or nobody may move."""
        roles = {t.by for (step, _), t in TRANSITIONS.items() if step is self.step}
        if len(roles) != 1 or Role.EITHER in roles:
            return None
        return self.person_in(roles.pop())

    def legal_moves(self, by: PersonId) -> list[Move]:
        """The moves ``by`` may make now, in table order, interrupts last."""
        if by not in (self.sender, self.receiver) or self.step in FINISHED:
            return []
        moves = [
            move
            for (step, move), t in TRANSITIONS.items()
            if step is self.step and self._may_act(t.by, by)
        ]
        if self.step is Step.TIMEOUT:
            moves.append(Move.RESUME)
        elif self.step is not Step.SAFETY_HOLD:
            moves.append(Move.TIME_OUT)
        if self.step is not Step.SAFETY_HOLD:
            moves.append(Move.ABANDON)
        return moves

    def needs_text(self, move: Move) -> Text:
        """Whether ``move`` at this step carries words."""
        transition = TRANSITIONS.get((self.step, move))
        return Text.NONE if transition is None else transition.text

    def nudge_summary(self) -> bool:
        """True once the "more" loop has run long enough to suggest summarizing (§2.1)."""
        return self.more_loops >= MORE_LOOPS_BEFORE_NUDGE

    def hold_for_safety(self) -> CouplesDialogue:
        """Stop joint work for both; only a person outside the dialogue reopens it (§0.1)."""
        if self.step in FINISHED:
            return self
        return replace(self, step=Step.SAFETY_HOLD, resumes_at=None, version=self.version + 1)

    def _check_member(self, by: PersonId) -> None:
        if by not in (self.sender, self.receiver):
            raise NotYourMove(step=self.step.value)

    def _may_act(self, role: Role, by: PersonId) -> bool:
        return role is Role.EITHER or by == self.person_in(role)

    def _advance(self, move: Move, to: Step) -> CouplesDialogue:
        if move is Move.SWAP:
            return CouplesDialogue(
                sender=self.receiver,
                receiver=self.sender,
                step=to,
                round=self.round + 1,
                version=self.version + 1,
            )
        corrected = move is Move.PARTLY and to is Step.MIRROR
        return replace(
            self,
            step=to,
            version=self.version + 1,
            mirror_corrections=self.mirror_corrections + corrected,
            more_loops=self.more_loops + (move is Move.MORE),
        )

    def _interrupt(self, move: Move) -> CouplesDialogue:
        """Time-out, resume and abandon: either partner, any running step (§0.1)."""
        if move is Move.RESUME:
            if self.step is not Step.TIMEOUT or self.resumes_at is None:
                raise MoveNotAllowed(step=self.step.value, move=move.value)
            return replace(self, step=self.resumes_at, resumes_at=None, version=self.version + 1)
        if self.step in NOT_RUNNING and not (move is Move.ABANDON and self.step is Step.TIMEOUT):
            raise MoveNotAllowed(step=self.step.value, move=move.value)
        if move is Move.TIME_OUT:
            return replace(self, step=Step.TIMEOUT, resumes_at=self.step, version=self.version + 1)
        return replace(self, step=Step.ABANDONED, resumes_at=None, version=self.version + 1)
