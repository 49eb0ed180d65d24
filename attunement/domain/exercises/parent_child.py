"""The Parent-Child Dialogue as a state machine (domain.md §2.2).

The sender (the child voice) names one caregiver; the receiver steps into that caregiver's role
and asks each question of the run's question list, mirroring every answer with the loop of
``domain/mirroring.py``; then steps out of the role, summarizes, validates and empathizes as the
partner; the sender may say how it shows up now; both appreciate, and each gets a gentle debrief.

Because it touches childhood pain: either may press pause (resume returns to the exact step) or
say stop, which always passes through ``ROLE_EXIT`` before the close — the receiver never ends
the run still speaking as someone's parent (§2.2). The questions are data (§7, open question 2).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final

from attunement.domain.errors import InvalidInput
from attunement.domain.forgetting import shredded
from attunement.domain.ids import PersonId
from attunement.domain.interrupts import Stops, as_interrupt
from attunement.domain.mirroring import LoopMoves, LoopSteps, mirror_loop
from attunement.domain.steps import Pair, Role, Rules, Text, Transition

MAX_CAREGIVER = 80

#: Every question a run may ask, by key (the words are in web/messages.py, ours).
QUESTIONS: Final = ("life_with_me", "hardest", "needed", "wanted_most", "say_now")
#: What every published description agrees on (domain.md §7.2); therapists may add the others.
DEFAULT_QUESTIONS: Final = ("life_with_me", "hardest", "needed")


class Step(StrEnum):
    SETUP = "SETUP"
    ROLE_ENTER = "ROLE_ENTER"
    QUESTION = "QUESTION"
    ANSWER = "ANSWER"
    MIRROR = "MIRROR"
    MIRROR_CHECK = "MIRROR_CHECK"
    ASK_MORE = "ASK_MORE"
    ROLE_EXIT = "ROLE_EXIT"
    SUMMARY = "SUMMARY"
    SUMMARY_CHECK = "SUMMARY_CHECK"
    VALIDATE = "VALIDATE"
    VALIDATE_CHECK = "VALIDATE_CHECK"
    EMPATHIZE = "EMPATHIZE"
    EMPATHIZE_CHECK = "EMPATHIZE_CHECK"
    LINK_TO_NOW = "LINK_TO_NOW"
    LINK_MIRROR = "LINK_MIRROR"
    LINK_CHECK = "LINK_CHECK"
    LINK_MORE = "LINK_MORE"
    CLOSE = "CLOSE"
    CLOSE_REPLY = "CLOSE_REPLY"
    DEBRIEF = "DEBRIEF"
    DEBRIEF_REPLY = "DEBRIEF_REPLY"
    PAUSED = "PAUSED"
    TIMEOUT = "TIMEOUT"
    SAFETY_HOLD = "SAFETY_HOLD"
    ABANDONED = "ABANDONED"
    DONE = "DONE"


class Move(StrEnum):
    SET_UP = "set_up"
    ENTER_ROLE = "enter_role"
    ASK = "ask"
    ANSWER = "answer"
    MIRROR = "mirror"
    ACCURATE = "accurate"
    PARTLY = "partly"
    MORE = "more"
    NO_MORE = "no_more"
    EXIT_ROLE = "exit_role"
    SUMMARIZE = "summarize"
    COMPLETE = "complete"
    ADDITION = "addition"
    VALIDATE = "validate"
    LANDED = "landed"
    EMPATHIZE = "empathize"
    CONFIRMED = "confirmed"
    CORRECTED = "corrected"
    LINK = "link"
    SKIP = "skip"
    APPRECIATE = "appreciate"
    DEBRIEF = "debrief"
    STOP = "stop"
    PAUSE = "pause"
    TIME_OUT = "time_out"
    RESUME = "resume"
    ABANDON = "abandon"


S, R, E = Role.SENDER, Role.RECEIVER, Role.EITHER
REQ, OPT = Text.REQUIRED, Text.OPTIONAL
MOVES: Final = LoopMoves(
    Move.ANSWER, Move.MIRROR, Move.ACCURATE, Move.PARTLY, Move.MORE, Move.NO_MORE
)
LINK_MOVES: Final = LoopMoves(
    Move.LINK, Move.MIRROR, Move.ACCURATE, Move.PARTLY, Move.MORE, Move.NO_MORE
)

#: Steps spoken in the caregiver's role; stop from here goes through ROLE_EXIT first.
IN_ROLE: Final = frozenset(
    {Step.ROLE_ENTER, Step.QUESTION, Step.ANSWER, Step.MIRROR, Step.MIRROR_CHECK, Step.ASK_MORE}
)
#: Steps out of the role where stop goes straight to the close.
OUT_OF_ROLE: Final = frozenset(
    {
        Step.SUMMARY, Step.SUMMARY_CHECK, Step.VALIDATE, Step.VALIDATE_CHECK, Step.EMPATHIZE,
        Step.EMPATHIZE_CHECK, Step.LINK_TO_NOW, Step.LINK_MIRROR, Step.LINK_CHECK, Step.LINK_MORE,
    }
)  # fmt: skip

TRANSITIONS: Final[Mapping[tuple[Step, Move], Transition[Step]]] = {
    (Step.SETUP, Move.SET_UP): Transition(S, Step.ROLE_ENTER, REQ),
    (Step.ROLE_ENTER, Move.ENTER_ROLE): Transition(R, Step.QUESTION, OPT),
    (Step.QUESTION, Move.ASK): Transition(R, Step.ANSWER, OPT),
    # After the last question no_more leads to ROLE_EXIT instead of the next QUESTION.
    **mirror_loop(
        LoopSteps(Step.ANSWER, Step.MIRROR, Step.MIRROR_CHECK, Step.ASK_MORE),
        MOVES,
        then=Step.QUESTION,
    ),
    (Step.ROLE_EXIT, Move.EXIT_ROLE): Transition(R, Step.SUMMARY, OPT),
    (Step.SUMMARY, Move.SUMMARIZE): Transition(R, Step.SUMMARY_CHECK, REQ),
    (Step.SUMMARY_CHECK, Move.COMPLETE): Transition(S, Step.VALIDATE),
    (Step.SUMMARY_CHECK, Move.ADDITION): Transition(S, Step.SUMMARY, REQ),
    (Step.VALIDATE, Move.VALIDATE): Transition(R, Step.VALIDATE_CHECK, REQ),
    (Step.VALIDATE_CHECK, Move.LANDED): Transition(S, Step.EMPATHIZE),
    (Step.VALIDATE_CHECK, Move.PARTLY): Transition(S, Step.VALIDATE, REQ),
    (Step.EMPATHIZE, Move.EMPATHIZE): Transition(R, Step.EMPATHIZE_CHECK, REQ),
    (Step.EMPATHIZE_CHECK, Move.CONFIRMED): Transition(S, Step.LINK_TO_NOW),
    (Step.EMPATHIZE_CHECK, Move.CORRECTED): Transition(S, Step.EMPATHIZE, REQ),
    (Step.LINK_TO_NOW, Move.SKIP): Transition(S, Step.CLOSE),
    **mirror_loop(
        LoopSteps(Step.LINK_TO_NOW, Step.LINK_MIRROR, Step.LINK_CHECK, Step.LINK_MORE),
        LINK_MOVES,
        then=Step.CLOSE,
    ),
    (Step.CLOSE, Move.APPRECIATE): Transition(S, Step.CLOSE_REPLY, REQ),
    (Step.CLOSE_REPLY, Move.APPRECIATE): Transition(R, Step.DEBRIEF, REQ),
    (Step.DEBRIEF, Move.DEBRIEF): Transition(S, Step.DEBRIEF_REPLY, OPT),
    (Step.DEBRIEF_REPLY, Move.DEBRIEF): Transition(R, Step.DONE, OPT),
    # In Step order, not set order, so the table (and its docs page) reads the same every run.
    **{(step, Move.STOP): Transition(E, Step.ROLE_EXIT) for step in Step if step in IN_ROLE},
    **{(step, Move.STOP): Transition(E, Step.CLOSE) for step in Step if step in OUT_OF_ROLE},
}
RULES: Final = Rules(TRANSITIONS, {Move.SET_UP: MAX_CAREGIVER})
STOPS: Final = Stops(
    time_out=Step.TIMEOUT,
    abandoned=Step.ABANDONED,
    done=Step.DONE,
    held=Step.SAFETY_HOLD,
    paused=Step.PAUSED,
)
#: Steps whose turns are reflections, for the recap after a pause or time-out.
MIRROR_STEPS: Final = frozenset({Step.MIRROR, Step.LINK_MIRROR, Step.SUMMARY})


@dataclass(frozen=True, slots=True)
class ParentChildDialogue:
    """One run: the sender speaks as a child, the receiver first as the sender's caregiver."""

    sender: PersonId
    receiver: PersonId
    questions: tuple[str, ...] = DEFAULT_QUESTIONS
    step: Step = Step.SETUP
    question: int = 0  # index into ``questions`` of the one being asked
    caregiver: str | None = None  # private to the pair (§2.2)
    stopped: bool = False  # a stop was said: after ROLE_EXIT, straight to the close
    version: int = 0
    mirror_corrections: int = 0
    resumes_at: Step | None = None

    def __post_init__(self) -> None:
        unknown = [key for key in self.questions if key not in QUESTIONS]
        if not self.questions or unknown:
            raise InvalidInput("parent_child.questions", unknown=",".join(unknown))

    @property
    def pair(self) -> Pair:
        return Pair(self.sender, self.receiver)

    @property
    def current_question(self) -> str | None:
        """The key of the question being asked, while the role-play lasts."""
        return self.questions[self.question] if self.step in IN_ROLE else None

    @property
    def in_role(self) -> bool:
        """Whether the receiver is speaking as the caregiver now (the screen marks it)."""
        return self.step in IN_ROLE or self.resumes_at in IN_ROLE

    def apply(self, move: Move, by: PersonId, text: str | None = None) -> ParentChildDialogue:
        """Make ``move`` as ``by``; refusals as in ``Rules.arrow`` and ``Stops.interrupt``."""
        kind = as_interrupt(move)
        if kind is not None:
            self.pair.check_member(by, self.step)
            step, resumes_at = STOPS.interrupt(kind, self.step, self.resumes_at)
            return replace(self, step=step, resumes_at=resumes_at, version=self.version + 1)
        transition = RULES.arrow(self.step, move, by, self.pair, text)
        after = replace(
            self,
            step=transition.to,
            version=self.version + 1,
            mirror_corrections=self.mirror_corrections + (move is Move.PARTLY),
        )
        return after._settle(move, text)

    def _settle(self, move: Move, text: str | None) -> ParentChildDialogue:
        """The parts of a move the table cannot say: the caregiver, the next question, stop."""
        if move is Move.SET_UP:
            return replace(self, caregiver=(text or "").strip())
        if move is Move.STOP:
            return replace(self, stopped=True)
        if move is Move.NO_MORE and self.step is Step.QUESTION:
            following = self.question + 1
            if following == len(self.questions):
                return replace(self, step=Step.ROLE_EXIT)
            return replace(self, question=following)
        if move is Move.EXIT_ROLE and self.stopped:
            return replace(self, step=Step.CLOSE)
        return self

    def legal_moves(self, by: PersonId) -> list[Move]:
        """The moves ``by`` may make now, table moves first, interrupts last."""
        if by not in (self.sender, self.receiver):
            return []
        interrupts = [Move(kind.value) for kind in STOPS.offered(self.step)]
        return RULES.moves_for(self.step, by, self.pair) + interrupts

    def whose_turn(self) -> PersonId | None:
        """The person the next ordinary move belongs to; None when either or nobody may move."""
        moves = {m for (at, m) in TRANSITIONS if at is self.step and m is not Move.STOP}
        owners = {self.pair.person_in(TRANSITIONS[(self.step, m)].by) for m in moves}
        return owners.pop() if len(owners) == 1 else None

    def needs_text(self, move: Move) -> Text:
        """Whether ``move`` at this step carries words."""
        return RULES.needs_text(self.step, move)

    def without_words_of(self, person: PersonId) -> ParentChildDialogue:
        """The run as the other partner keeps it once ``person`` has left (issue 6).

        The sender names the caregiver; the questions are keys of our own list, not words.
        """
        if person != self.sender or not self.caregiver:
            return self
        return replace(self, caregiver=shredded(self.caregiver))

    def hold_for_safety(self) -> ParentChildDialogue:
        """Stop joint work for both; only a person outside the run reopens it (§0.1)."""
        if self.step in STOPS.finished:
            return self
        return replace(self, step=Step.SAFETY_HOLD, resumes_at=None, version=self.version + 1)
