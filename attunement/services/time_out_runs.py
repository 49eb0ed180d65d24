"""A couple's time-out as use cases: call it, wait apart, each says ready or needs more (§2.12).

The break is stored as a guided run of its two partners (``uow.runs``), so a refresh shows where
it stands. Nobody can refuse a time-out. When the return time comes, each says privately whether
they are ready or need more: the partner sees only that an answer is awaited, never "needs
more". One extension is allowed; a second "need more" reschedules the conversation.

The couple's code word, typed inside any exercise, or the exercise's own break button, calls the
same break for the agreed shortest time (issue 4): the exercises ask ``calls_break`` and
``call_from_exercise`` inside their own transaction, the guided runs go through
``pause_for_break``, and the break page links back to every exercise that waits
(``waiting_exercises``). A couple without a plan has no break to go to: their button pauses the
exercise as before, and the page says how to agree a plan.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from attunement.domain.clock import Clock
from attunement.domain.errors import AttunementError, InvalidInput
from attunement.domain.exercises.cycle_map import CycleMap
from attunement.domain.exercises.cycle_map import Step as CycleStep
from attunement.domain.exercises.time_out import FINISHED, Move, Step, TimeOut, TimeOutPlan
from attunement.domain.exercises.u_turn import Step as UTurnStep
from attunement.domain.exercises.u_turn import UTurn
from attunement.domain.ids import PersonId, RunId
from attunement.services.runs import RunRef, S, change_run, current_run, read_run, runs_of
from attunement.services.uow import UnitOfWork
from attunement.store.states import from_json

log = logging.getLogger(__name__)
KIND = "time_out"
APART = frozenset({Step.CALLED, Step.APART})  # a break still running, before its return time
WAITING_STEP = "TIMEOUT"  # the step every two-person exercise waits at during a break


@dataclass(frozen=True, slots=True)
class TimeOutView:
    """The break as ``viewer`` sees it now: the step at this moment, their own answer only."""

    run: RunId
    state: TimeOut
    minutes_left: int
    moves: tuple[Move, ...]
    said_ready: bool
    mine: bool  # the viewer called it, and so owns the return


def _plan(uow: UnitOfWork, person: PersonId) -> tuple[TimeOutPlan, PersonId]:
    couple = uow.couples.of_member(person)
    partner = None if couple is None else couple.partner_of(person)
    if couple is None or partner is None:
        raise InvalidInput("dialogue.no_partner")
    plan = uow.time_out_plans.of_couple(couple.id)
    if plan is None:
        raise InvalidInput("time_out.no_plan")
    return plan, partner


def call_time_out(uow: UnitOfWork, *, by: PersonId, minutes: int, clock: Clock) -> RunId:
    """Start a break of ``minutes``; InvalidInput without a partner, a plan, or a usable length."""
    now = clock.now()
    with uow:
        plan, partner = _plan(uow, by)
        state = TimeOut.call(plan, by=by, other=partner, at=now, minutes=minutes)
        run = uow.runs.add(KIND, (by, partner), state, now=now)
        uow.commit()
    log.info("time-out %s called", run)
    return run


def calls_break(uow: UnitOfWork, *, by: PersonId, button: bool, text: str | None) -> bool:
    """Whether a move calls the couple's break (inside an open unit of work).

    It does when the couple has agreed a plan and either ``by`` pressed the exercise's own break
    button or ``text`` says their code word: both are the same call (§2.12 "word or button").
    """
    couple = uow.couples.of_member(by)
    plan = None if couple is None else uow.time_out_plans.of_couple(couple.id)
    if plan is None:
        return False
    return button or (bool(text) and plan.is_called_in(text or ""))


def call_from_exercise(uow: UnitOfWork, *, by: PersonId, now: datetime) -> RunId:
    """The couple's break called inside an exercise, by word or button (§2.12), not committed.

    It lasts the agreed shortest break; a break still running (apart, before its return time) is
    the one both go to, so two code words in two exercises never start two breaks.
    """
    plan, partner = _plan(uow, by)
    for stored in reversed(uow.runs.of_member(KIND, viewer=by)):
        if from_json(TimeOut, stored.state).at(now).step in APART:
            return stored.id
    state = TimeOut.call(plan, by=by, other=partner, at=now, minutes=plan.min_minutes)
    run = uow.runs.add(KIND, (by, partner), state, now=now)
    log.info("time-out %s called from an exercise", run)
    return run


def time_out_view(uow: UnitOfWork, ref: RunRef, *, clock: Clock) -> TimeOutView:
    """The break at this moment; NotFound for anyone outside it."""
    now = clock.now()
    state = read_run(uow, ref, TimeOut).at(now)
    return TimeOutView(
        run=ref.run,
        state=state,
        minutes_left=state.minutes_left(now),
        moves=tuple(state.legal_moves(ref.viewer, now=now)),
        said_ready=ref.viewer in state.ready,
        mine=ref.viewer == state.called_by,
    )


def move_on_time_out(uow: UnitOfWork, ref: RunRef, move: Move, *, clock: Clock) -> TimeOut:
    """Say ready, need more, reconnect or reschedule; the plan sets the extension's length."""
    with uow:
        plan, _ = _plan(uow, ref.viewer)
    now = clock.now()
    return change_run(
        uow, ref, TimeOut, lambda state: state.apply(move, ref.viewer, plan=plan, now=now),
        clock=clock,
    )  # fmt: skip


def open_time_out(uow: UnitOfWork, *, viewer: PersonId) -> RunId | None:
    """The couple's break still under way, if any, for a link from the exercises."""
    for run, state in reversed(runs_of(uow, KIND, TimeOut, viewer=viewer)):
        if state.step not in FINISHED:
            return run
    return None


def waiting_exercises(uow: UnitOfWork, *, viewer: PersonId) -> list[tuple[str, str]]:
    """The couple's exercises waiting at their time-out, as (family, id).

    The break page links back to them: the exercise resumes at the exact step it left.
    """
    with uow:
        waiting = [
            ("dialogue", str(d.id))
            for d in uow.dialogues.of_viewer(viewer)
            if d.state.step.value == WAITING_STEP
        ]
        waiting += [
            ("imago", str(r.id))
            for r in uow.imago_runs.of_viewer(viewer)
            if r.state.step.value == WAITING_STEP
        ]
        waiting += [
            ("cycle_map", str(r.id))
            for r in uow.runs.of_member("cycle_map", viewer=viewer)
            if from_json(CycleMap, r.state).step is CycleStep.PAUSED
        ]
        waiting += [
            ("u_turn", str(r.id))
            for r in uow.runs.of_member("u_turn", viewer=viewer)
            if from_json(UTurn, r.state).step is UTurnStep.TIMEOUT
        ]
    return waiting


def pause_for_break(
    uow: UnitOfWork, ref: RunRef, machine: type[S], pause: Callable[[S], S], *, clock: Clock
) -> tuple[RunId, int] | None:
    """Pause a guided run for the couple's break, called by word or button (§2.12).

    The caller has already heard the call (``heard_break``); ``pause`` is the run's own pause
    move. The run and the break are saved together, and the words themselves are never kept.
    None when the run cannot pause now (finished, held, already paused): the move then goes on
    as usual.

    Returns:
        The break, and the run's version after the pause.
    """
    now = clock.now()
    with uow:
        stored, state = current_run(uow, ref, machine)
        try:
            paused = pause(state)
        except AttunementError:
            return None
        uow.runs.save(stored, paused, now=now)
        time_out = call_from_exercise(uow, by=ref.viewer, now=now)
        uow.commit()
    return time_out, paused.version


def heard_break(uow: UnitOfWork, *, by: PersonId, button: bool, text: str | None) -> bool:
    """Whether a move calls the couple's break (``calls_break`` as a use case of its own)."""
    with uow:
        return calls_break(uow, by=by, button=button, text=text)
