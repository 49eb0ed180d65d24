"""The Behavior Change Request as a state machine (domain.md §2.3).

The requester (sender) asks for an appointment, then names one frustration, the feeling it
brings, optionally what it echoes from childhood, and the desire under it; the giver (receiver)
mirrors each with the loop of ``domain/mirroring.py``. The requester then offers three requests,
each of which must pass ``domain/requests.py`` before the giver sees it; the giver mirrors them,
picks one as a gift and restates it in their own words; the requester confirms, and the chosen
request becomes a ``Commitment`` (``domain/commitments.py``) with check-ins.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final

from attunement.domain.errors import InvalidInput
from attunement.domain.forgetting import shredded
from attunement.domain.ids import PersonId
from attunement.domain.interrupts import Stops, as_interrupt
from attunement.domain.mirroring import LoopMoves, LoopSteps, mirror_loop
from attunement.domain.requests import MAX_REQUEST, check_request
from attunement.domain.steps import Pair, Role, Rules, Text, Transition

MAX_TOPIC = 120
REQUESTS_OFFERED = 3  # IRT asks for three, so the giver has a real choice (§2.3)

# A gift is not a trade (§2.3): "I'll do it if you…" keeps the giver at CHOOSE.
_CONDITION = re.compile(
    r"\b(if you|as long as you|only if|provided (?:that )?you|in return|in exchange|"
    r"but (?:only )?when you|so long as you|once you)\b",
    re.IGNORECASE,
)


class Step(StrEnum):
    REQUEST_APPOINTMENT = "REQUEST_APPOINTMENT"
    APPOINTMENT_RESPONSE = "APPOINTMENT_RESPONSE"
    SCHEDULED = "SCHEDULED"
    FRUSTRATION = "FRUSTRATION"
    FRUSTRATION_MIRROR = "FRUSTRATION_MIRROR"
    FRUSTRATION_CHECK = "FRUSTRATION_CHECK"
    FRUSTRATION_MORE = "FRUSTRATION_MORE"
    FEELINGS = "FEELINGS"
    FEELINGS_MIRROR = "FEELINGS_MIRROR"
    FEELINGS_CHECK = "FEELINGS_CHECK"
    FEELINGS_MORE = "FEELINGS_MORE"
    ROOTS = "ROOTS"
    ROOTS_MIRROR = "ROOTS_MIRROR"
    ROOTS_CHECK = "ROOTS_CHECK"
    ROOTS_MORE = "ROOTS_MORE"
    DESIRE = "DESIRE"
    DESIRE_MIRROR = "DESIRE_MIRROR"
    DESIRE_CHECK = "DESIRE_CHECK"
    DESIRE_MORE = "DESIRE_MORE"
    REQUESTS = "REQUESTS"
    REQUESTS_MIRROR = "REQUESTS_MIRROR"
    REQUESTS_CHECK = "REQUESTS_CHECK"
    CHOOSE = "CHOOSE"
    CONFIRM = "CONFIRM"
    FOLLOW_UP = "FOLLOW_UP"
    TIMEOUT = "TIMEOUT"
    SAFETY_HOLD = "SAFETY_HOLD"
    ABANDONED = "ABANDONED"


class Move(StrEnum):
    REQUEST_APPOINTMENT = "request_appointment"
    ACCEPT_NOW = "accept_now"
    SCHEDULE = "schedule"
    SAY = "say"
    MIRROR = "mirror"
    ACCURATE = "accurate"
    PARTLY = "partly"
    MORE = "more"
    NO_MORE = "no_more"
    SKIP = "skip"
    OFFER = "offer"
    CHOOSE = "choose"
    OTHER_OPTIONS = "other_options"
    CONFIRM = "confirm"
    TIME_OUT = "time_out"
    RESUME = "resume"
    ABANDON = "abandon"


S, R = Role.SENDER, Role.RECEIVER
REQ, OPT = Text.REQUIRED, Text.OPTIONAL
LOOP_MOVES: Final = LoopMoves(
    Move.SAY, Move.MIRROR, Move.ACCURATE, Move.PARTLY, Move.MORE, Move.NO_MORE
)


def _loop(say: Step, then: Step) -> dict[tuple[Step, Move], Transition[Step]]:
    name = say.value
    steps = LoopSteps(say, Step(f"{name}_MIRROR"), Step(f"{name}_CHECK"), Step(f"{name}_MORE"))
    return mirror_loop(steps, LOOP_MOVES, then=then)


TRANSITIONS: Final[Mapping[tuple[Step, Move], Transition[Step]]] = {
    (Step.REQUEST_APPOINTMENT, Move.REQUEST_APPOINTMENT): Transition(
        S, Step.APPOINTMENT_RESPONSE, REQ
    ),
    (Step.APPOINTMENT_RESPONSE, Move.ACCEPT_NOW): Transition(R, Step.FRUSTRATION),
    (Step.APPOINTMENT_RESPONSE, Move.SCHEDULE): Transition(R, Step.SCHEDULED, REQ),
    (Step.SCHEDULED, Move.ACCEPT_NOW): Transition(R, Step.FRUSTRATION),
    **_loop(Step.FRUSTRATION, then=Step.FEELINGS),
    **_loop(Step.FEELINGS, then=Step.ROOTS),
    (Step.ROOTS, Move.SKIP): Transition(S, Step.DESIRE),  # the childhood echo is optional
    **_loop(Step.ROOTS, then=Step.DESIRE),
    **_loop(Step.DESIRE, then=Step.REQUESTS),
    # Stays at REQUESTS until the third valid request, then moves to REQUESTS_MIRROR.
    (Step.REQUESTS, Move.OFFER): Transition(S, Step.REQUESTS, REQ),
    (Step.REQUESTS_MIRROR, Move.MIRROR): Transition(R, Step.REQUESTS_CHECK, REQ),
    (Step.REQUESTS_CHECK, Move.ACCURATE): Transition(S, Step.CHOOSE),
    (Step.REQUESTS_CHECK, Move.PARTLY): Transition(S, Step.REQUESTS_MIRROR, REQ),
    (Step.CHOOSE, Move.CHOOSE): Transition(R, Step.CONFIRM, REQ),
    (Step.CHOOSE, Move.OTHER_OPTIONS): Transition(R, Step.REQUESTS, OPT),
    (Step.CONFIRM, Move.CONFIRM): Transition(S, Step.FOLLOW_UP, OPT),
    (Step.CONFIRM, Move.PARTLY): Transition(S, Step.CHOOSE, REQ),
}
RULES: Final = Rules(TRANSITIONS, {Move.REQUEST_APPOINTMENT: MAX_TOPIC, Move.OFFER: MAX_REQUEST})
STOPS: Final = Stops(
    time_out=Step.TIMEOUT, abandoned=Step.ABANDONED, done=Step.FOLLOW_UP, held=Step.SAFETY_HOLD
)
#: Steps whose turns are mirrors, for the recap after a time-out.
MIRROR_STEPS: Final = frozenset(s for s in Step if s.value.endswith("_MIRROR"))


@dataclass(frozen=True, slots=True)
class BehaviorChangeRequest:
    """One request run between a requester (sender) and a giver (receiver)."""

    sender: PersonId
    receiver: PersonId
    step: Step = Step.REQUEST_APPOINTMENT
    version: int = 0
    mirror_corrections: int = 0
    resumes_at: Step | None = None
    requests: tuple[str, ...] = ()
    chosen: int | None = None  # index into ``requests``
    restatement: str | None = None

    @property
    def pair(self) -> Pair:
        return Pair(self.sender, self.receiver)

    def apply(
        self, move: Move, by: PersonId, text: str | None = None, *, pick: int | None = None
    ) -> BehaviorChangeRequest:
        """Make ``move`` as ``by``; ``pick`` names the chosen request (0-based) at CHOOSE.

        Raises:
            MoveNotAllowed: not legal now; NotYourMove: the other person's move.
            InvalidInput: words missing or too long, a request that does not pass its checks or
                repeats one, no request picked, or a restatement that sets a condition.
        """
        kind = as_interrupt(move)
        if kind is not None:
            self.pair.check_member(by, self.step)
            step, resumes_at = STOPS.interrupt(kind, self.step, self.resumes_at)
            return replace(self, step=step, resumes_at=resumes_at, version=self.version + 1)
        transition = RULES.arrow(self.step, move, by, self.pair, text)
        words = (text or "").strip()
        if move is Move.OFFER:
            return self._offer(words)
        if move is Move.CHOOSE:
            return self._choose(words, pick)
        if move is Move.OTHER_OPTIONS:
            return replace(self, step=Step.REQUESTS, requests=(), version=self.version + 1)
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

    def without_words_of(self, person: PersonId) -> BehaviorChangeRequest:
        """The run as the other partner keeps it once ``person`` has left (issue 6).

        The requests are the sender's and the restatement the receiver's; which request was
        chosen stays, so the remaining partner still sees that one was.
        """
        state = self
        if person == self.sender:
            state = replace(state, requests=tuple(shredded(r) for r in self.requests))
        if person == self.receiver and self.restatement is not None:
            state = replace(state, restatement=shredded(self.restatement))
        return state

    def hold_for_safety(self) -> BehaviorChangeRequest:
        """Stop joint work for both; only a person outside the run reopens it (§0.1)."""
        if self.step in STOPS.finished:
            return self
        return replace(self, step=Step.SAFETY_HOLD, resumes_at=None, version=self.version + 1)

    @property
    def chosen_request(self) -> str | None:
        """The request the giver picked, once picked."""
        return None if self.chosen is None else self.requests[self.chosen]

    def _offer(self, words: str) -> BehaviorChangeRequest:
        check = check_request(words)
        if not check.passed:
            failed = ",".join(v.criterion.value for v in check.failed())
            raise InvalidInput("bcr.request_not_ready", failed=failed)
        if check.text.casefold() in {r.casefold() for r in self.requests}:
            raise InvalidInput("bcr.request_repeated")
        requests = (*self.requests, check.text)
        full = len(requests) == REQUESTS_OFFERED
        return replace(
            self,
            step=Step.REQUESTS_MIRROR if full else Step.REQUESTS,
            requests=requests,
            version=self.version + 1,
        )

    def _choose(self, words: str, pick: int | None) -> BehaviorChangeRequest:
        if pick is None or not 0 <= pick < len(self.requests):
            raise InvalidInput("bcr.pick_missing")
        condition = _CONDITION.search(words)
        if condition is not None:
            raise InvalidInput("bcr.gift_not_trade", words=condition.group(0))
        return replace(
            self, step=Step.CONFIRM, chosen=pick, restatement=words, version=self.version + 1
        )
