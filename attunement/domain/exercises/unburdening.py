"""Unburdening, for use with a live therapist only, as a table of arrows (domain.md §2.7).

The app never guides this sequence alone: a run exists only with a therapist, starts only when
the protectors' permission was recorded (the 6 Fs ``NEXT`` step), and the therapist moves it on;
the app holds the structure and the pace. The client can pause at any moment; only the
therapist resumes, because a resumed run needs someone present. Witnessing, retrieval, releasing
the burden, inviting qualities and checking the protectors follow one order here; IFS authors
differ on the order and on the do-over, which is skippable (§7, open question 4). Stored
minimally: who, which steps were reached, and the client's own after-note — no content.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final

from attunement.domain.errors import MoveNotAllowed, NotYourMove
from attunement.domain.feel_toward import Stance, classify
from attunement.domain.forgetting import shredded
from attunement.domain.guided import Interrupts, Words, check_words, refuse
from attunement.domain.ids import PartId, PersonId
from attunement.domain.parts import Permission


class Step(StrEnum):
    READY = "READY"
    MEET_EXILE = "MEET_EXILE"
    WITNESS = "WITNESS"
    DO_OVER = "DO_OVER"
    RETRIEVE = "RETRIEVE"
    UNBURDEN = "UNBURDEN"
    INVITE = "INVITE"
    INTEGRATE = "INTEGRATE"
    AFTER_NOTE = "AFTER_NOTE"
    PAUSED = "PAUSED"
    ABANDONED = "ABANDONED"
    DONE = "DONE"


class Move(StrEnum):
    BEGIN = "begin"
    FEEL_TOWARD = "feel_toward"
    WITNESSED = "witnessed"
    DO_OVER_DONE = "do_over_done"
    SKIP_DO_OVER = "skip_do_over"
    RETRIEVED = "retrieved"
    RELEASED = "released"
    NOT_READY = "not_ready"
    INVITED = "invited"
    PROTECTORS_CHECKED = "protectors_checked"
    WRITE_NOTE = "write_note"
    PAUSE = "pause"
    RESUME = "resume"
    ABANDON = "abandon"


class Role(StrEnum):
    THERAPIST = "therapist"
    CLIENT = "client"


@dataclass(frozen=True, slots=True)
class Transition:
    by: Role
    to: Step
    words: Words = Words.NONE


T, C, OPT = Role.THERAPIST, Role.CLIENT, Words.OPTIONAL
TRANSITIONS: Final[Mapping[tuple[Step, Move], Transition]] = {
    (Step.READY, Move.BEGIN): Transition(T, Step.MEET_EXILE),
    (Step.MEET_EXILE, Move.FEEL_TOWARD): Transition(C, Step.WITNESS, Words.REQUIRED),
    (Step.WITNESS, Move.WITNESSED): Transition(T, Step.DO_OVER),
    (Step.DO_OVER, Move.DO_OVER_DONE): Transition(T, Step.RETRIEVE),
    (Step.DO_OVER, Move.SKIP_DO_OVER): Transition(T, Step.RETRIEVE),
    (Step.RETRIEVE, Move.RETRIEVED): Transition(T, Step.UNBURDEN),
    (Step.UNBURDEN, Move.RELEASED): Transition(T, Step.INVITE, OPT),
    (Step.UNBURDEN, Move.NOT_READY): Transition(T, Step.INTEGRATE),
    (Step.INVITE, Move.INVITED): Transition(T, Step.INTEGRATE, OPT),
    (Step.INTEGRATE, Move.PROTECTORS_CHECKED): Transition(T, Step.AFTER_NOTE),
    (Step.AFTER_NOTE, Move.WRITE_NOTE): Transition(C, Step.DONE, OPT),
}
FINISHED: Final = frozenset({Step.DONE, Step.ABANDONED})
#: The steps a client may let a witnessing partner see; never the after-note, which is theirs.
SHAREABLE: Final = frozenset(
    {
        Step.MEET_EXILE,
        Step.WITNESS,
        Step.DO_OVER,
        Step.RETRIEVE,
        Step.UNBURDEN,
        Step.INVITE,
        Step.INTEGRATE,
    }
)
PAUSES: Final = Interrupts(paused=Step.PAUSED, abandoned=Step.ABANDONED, finished=FINISHED)
INTERRUPTS: Final = frozenset({Move.PAUSE, Move.RESUME, Move.ABANDON})


@dataclass(frozen=True, slots=True)
class Unburdening:
    """One therapist-led run; ``apply`` returns the next state, never mutates."""

    client: PersonId
    therapist: PersonId
    witness: PersonId | None = None  # the partner, present as quiet compassionate witness
    step: Step = Step.READY
    version: int = 0
    reached: tuple[Step, ...] = ()
    released: bool = False
    after_note: str = ""
    resumes_at: Step | None = None
    part: PartId | None = None  # the exile whose burdens a release sets down (§3.4)
    shared: frozenset[Step] = frozenset()  # the steps the client lets the witness see

    @staticmethod
    def start(client: PersonId, therapist: PersonId | None, permission: Permission) -> Unburdening:
        """A run, only with a therapist and only with the protectors' recorded permission.

        Raises:
            MoveNotAllowed: ``unburdening.needs_therapist`` or ``unburdening.needs_permission``.
        """
        if therapist is None or therapist == client:
            raise MoveNotAllowed("unburdening.needs_therapist")
        if permission is not Permission.GRANTED:
            raise MoveNotAllowed("unburdening.needs_permission")
        return Unburdening(client=client, therapist=therapist)

    def apply(self, move: Move, by: PersonId, text: str | None = None) -> Unburdening:
        """Make ``move`` as ``by``; the witness watches and never moves.

        Raises:
            NotYourMove: not the client or the therapist, or the other one's move; only the
                therapist resumes a pause.
            MoveNotAllowed: not an arrow out of this step.
        """
        if by not in (self.client, self.therapist):
            raise NotYourMove(step=self.step.value, move=move.value)
        if move in INTERRUPTS:
            if move is Move.RESUME and by != self.therapist:
                raise NotYourMove("unburdening.therapist_resumes")
            step, resumes_at = PAUSES.apply(self.step, self.resumes_at, move.value)
            return replace(self, step=step, resumes_at=resumes_at, version=self.version + 1)
        transition = TRANSITIONS.get((self.step, move))
        if transition is None:
            raise refuse(self.step, move)
        if by != (self.therapist if transition.by is Role.THERAPIST else self.client):
            raise NotYourMove(step=self.step.value, move=move.value)
        words = check_words(transition.words, text) or ""
        to = transition.to
        if move is Move.FEEL_TOWARD and classify(words).classified_as is Stance.BLENDED:
            to = Step.MEET_EXILE  # compassion toward the exile comes first (§2.7 gates)
        return replace(
            self,
            step=to,
            version=self.version + 1,
            reached=self.reached if to in self.reached else (*self.reached, to),
            released=self.released or move is Move.RELEASED,
            after_note=words if move is Move.WRITE_NOTE else self.after_note,
        )

    def invite_witness(
        self, by: PersonId, witness: PersonId, shared: frozenset[Step]
    ) -> Unburdening:
        """The client invites their partner to witness the steps they choose (IFIO, §2.7).

        Choosing again replaces the earlier choice; choosing no step keeps the partner out.

        Raises:
            NotYourMove: anyone but the client, or a witness who already leads or is the client.
            MoveNotAllowed: the run is over.
        """
        if by != self.client or witness in (self.client, self.therapist):
            raise NotYourMove(step=self.step.value)
        if self.step in FINISHED:
            raise MoveNotAllowed(step=self.step.value)
        chosen = frozenset(shared) & SHAREABLE
        return replace(
            self,
            witness=witness if chosen else None,
            shared=chosen,
            version=self.version + 1,
        )

    def for_witness(self) -> Unburdening:
        """What the witness sees: the shared steps reached, never the client's own words."""
        reached = tuple(step for step in self.reached if step in self.shared)
        return replace(self, reached=reached, after_note="", part=None)

    def without_words_of(self, person: PersonId) -> Unburdening:
        """The run as the therapist or client keeps it once ``person`` has left (issue 6).

        Only the client writes words that stay (the after-note); the therapist's optional words
        at a release are never kept, and the witness only watches.
        """
        if person != self.client:
            return self
        return replace(self, after_note=shredded(self.after_note))

    def witness_sees_step(self) -> bool:
        """Whether the step the run is at now is one the client chose to share."""
        return self.step in self.shared

    def legal_moves(self, by: PersonId) -> list[Move]:
        if by not in (self.client, self.therapist) or self.step in FINISHED:
            return []
        role = Role.THERAPIST if by == self.therapist else Role.CLIENT
        moves = [m for (s, m), t in TRANSITIONS.items() if s is self.step and t.by is role]
        interrupts = [Move(m) for m in PAUSES.offered(self.step)]
        if role is Role.CLIENT:
            interrupts = [m for m in interrupts if m is not Move.RESUME]
        return moves + interrupts
