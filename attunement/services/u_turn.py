"""The U-turn and speaking for a part, as use cases (domain.md §2.9, §6.7).

The feedback engine is reached only here, through the ``Analyzer`` protocol: it reads the words
the person started from (to offer the U-turn) and the words they return with (speaking *for* a
part, or still *from* one). Its notes are for the person alone. When the partner takes part,
they see only what was said to them — never the inner steps (the body, the part, the need).
"""

from dataclasses import dataclass, replace

from attunement.domain.analysis import Analyzer, SafetyLevel
from attunement.domain.clock import Clock
from attunement.domain.errors import MoveNotAllowed
from attunement.domain.exercises.u_turn import Move, UTurn, coach_rewrite
from attunement.domain.ids import PersonId, RunId
from attunement.services import time_out_runs
from attunement.services.readings import reading
from attunement.services.runs import RunRef, change_run, read_run, runs_of
from attunement.services.uow import UnitOfWork

KIND = "u_turn"


@dataclass(frozen=True, slots=True)
class UTurnView:
    """A U-turn as ``viewer`` may see it, with the coach's notes for the person only."""

    id: RunId
    state: UTurn
    started_blended: bool
    notes: tuple[str, ...]


def start_u_turn(uow: UnitOfWork, *, by: PersonId, partner: PersonId | None, clock: Clock) -> RunId:
    """A U-turn practised alone, or with the partner there to receive it.

    ``partner`` is accepted only when it is ``by``'s own partner; otherwise the U-turn is solo.
    """
    with uow:
        couple = uow.couples.of_member(by)
        own_partner = None if couple is None else couple.partner_of(by)
        with_partner = own_partner if partner is not None and partner == own_partner else None
        members = (by,) if with_partner is None else (by, with_partner)
        run = uow.runs.add(KIND, members, UTurn(by, with_partner), now=clock.now())
        uow.commit()
    return run


def u_turn_view(uow: UnitOfWork, ref: RunRef, *, analyzer: Analyzer) -> UTurnView:
    """The U-turn as ``ref.viewer`` may see it; NotFound for anyone outside it."""
    state = read_run(uow, ref, UTurn)
    return _view(ref.run, state, ref.viewer, analyzer)


def move_on_u_turn(
    uow: UnitOfWork, ref: RunRef, move: Move, text: str | None, *, clock: Clock
) -> UTurn:
    """Make one move of the U-turn."""
    return change_run(uow, ref, UTurn, lambda u: u.apply(move, ref.viewer, text), clock=clock)


def u_turns_of(uow: UnitOfWork, *, viewer: PersonId) -> list[tuple[RunId, UTurn]]:
    """The U-turns ``viewer`` took part in, oldest first."""
    return runs_of(uow, KIND, UTurn, viewer=viewer)


def _view(run: RunId, state: UTurn, viewer: PersonId, analyzer: Analyzer) -> UTurnView:
    if viewer != state.person:
        private = replace(state, original="", inside="", part_name="", need="", feel_toward=())
        return UTurnView(run, private, started_blended=False, notes=())
    started_blended = bool(state.original) and reading(analyzer, state.original).parts.blended
    notes: tuple[str, ...] = ()
    if state.rewrite:
        notes = coach_rewrite(state.rewrite, reading(analyzer, state.rewrite).parts)
    return UTurnView(run, state, started_blended=started_blended, notes=notes)


def pause_u_turn_for_break(  # noqa: PLR0913 (the keyword signature of the services API)
    uow: UnitOfWork,
    ref: RunRef,
    move: Move,
    text: str | None,
    *,
    analyzer: Analyzer,
    clock: Clock,
) -> tuple[RunId, int] | None:
    """Pause a U-turn taken with the partner for the couple's break (§2.12).

    Its "Time-out" button and the couple's code word in its words are one call. A U-turn
    practised alone has no partner to take a break with, so there the button only pauses and the
    word is a word; so does a couple without a plan (None: the move goes on as usual). The words
    are not kept; urgent words take the safety path instead.
    """
    button = move is Move.PAUSE
    if not time_out_runs.heard_break(uow, by=ref.viewer, button=button, text=text):
        return None
    if not button and reading(analyzer, text or "").safety.level is SafetyLevel.URGENT:
        return None

    def pause(state: UTurn) -> UTurn:
        if state.partner is None:
            raise MoveNotAllowed(step=state.step.value, move=Move.PAUSE.value)
        return state.apply(Move.PAUSE, ref.viewer)

    return time_out_runs.pause_for_break(uow, ref, UTurn, pause, clock=clock)
