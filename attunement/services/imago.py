"""The two-person Imago exercises as use cases: start, move, view, list (issue 4).

One function per use case, shared by the web pages and the CLI. A move, its words and the new
state are committed together before the call returns, so nothing is lost on a refresh or a lost
connection; a resent move (same ``move_key``) is recognised and not made twice. Someone else's run
is ``NotFound`` with the same key as a missing one. Words read as an urgent safety risk are kept
for their speaker only and hold the run for both (domain.md §0.1, §4.6). Saying the couple's code
word in any turn calls the couple's time-out instead of that turn (§2.12); when a Behavior Change
Request is confirmed, its chosen request becomes a commitment (§2.3).
"""

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from attunement.domain.analysis import Analyzer, SafetyLevel
from attunement.domain.clock import Clock
from attunement.domain.commitments import Commitment
from attunement.domain.errors import InvalidInput, NotFound, NotYourMove, PausedForSafety, StaleView
from attunement.domain.exercises.behavior_change import BehaviorChangeRequest
from attunement.domain.exercises.behavior_change import Step as RequestStep
from attunement.domain.ids import CoupleId, PersonId
from attunement.domain.ids import RunId as TimeOutRunId
from attunement.domain.imago_runs import (
    FAMILIES,
    ImagoKind,
    ImagoRun,
    RunId,
    apply_move,
    needs_text,
    new_run,
)
from attunement.domain.mirroring import Said, last_mirror
from attunement.domain.sessions import DialogueMode
from attunement.domain.steps import Text
from attunement.services import time_out_runs
from attunement.services.readings import reading
from attunement.services.safety import raise_from_dialogue
from attunement.services.uow import UnitOfWork
from attunement.store.imago import RunTurn, StoredRun

log = logging.getLogger(__name__)

TIME_OUT = "time_out"
RESUME = "resume"
TIMEOUT_STEP = "TIMEOUT"  # the waiting step every Imago run shares for a time-out


@dataclass(frozen=True, slots=True)
class RunView:
    """A run as ``viewer`` may see it, with the recap shown around a pause."""

    id: RunId
    couple: CoupleId
    kind: ImagoKind
    mode: DialogueMode
    state: ImagoRun
    turns: tuple[RunTurn, ...]
    names: Mapping[PersonId, str]
    recap: str | None  # the last mirror, while paused and right after resuming
    back_at: datetime | None  # during a time-out: the end of the agreed shortest break
    updated_at: datetime
    time_out: TimeOutRunId | None = None  # the couple's break, when the words said the code word


@dataclass(frozen=True, slots=True)
class RunMove:
    """One move as a screen sends it; ``acting_as`` differs from ``viewer`` only on one device."""

    run: RunId
    viewer: PersonId
    acting_as: PersonId
    move: str
    text: str | None = None
    pick: int | None = None
    expected_version: int | None = None
    move_key: str | None = None


def start_run(
    uow: UnitOfWork, *, kind: ImagoKind, by: PersonId, mode: DialogueMode, clock: Clock
) -> RunId:
    """Open a run of ``kind`` in which ``by`` is the sender and their partner the receiver.

    Raises:
        InvalidInput: ``dialogue.no_partner`` until ``by``'s partner has joined.
    """
    with uow:
        couple = uow.couples.of_member(by)
        partner = None if couple is None else couple.partner_of(by)
        if couple is None or partner is None:
            raise InvalidInput("dialogue.no_partner")
        if uow.safety.couple_paused(couple.id):
            raise PausedForSafety("dialogue.paused")  # joint work is paused (issue 6)
        state = new_run(kind, sender=by, receiver=partner)
        run = uow.imago_runs.add(couple.id, state, mode=mode, now=clock.now())
        uow.commit()
    log.info("imago run %s (%s) started in %s mode", run, kind.value, mode.value)
    return run


def run_view(uow: UnitOfWork, run: RunId, *, viewer: PersonId) -> RunView:
    """The run as ``viewer`` sees it; NotFound when missing or not theirs."""
    with uow:
        return _view(uow, _visible(uow, run, viewer), viewer)


def runs_of(uow: UnitOfWork, *, viewer: PersonId) -> list[StoredRun]:
    """``viewer``'s couple's runs, most recently active first."""
    with uow:
        return uow.imago_runs.of_viewer(viewer)


def make_run_move(
    uow: UnitOfWork, request: RunMove, *, analyzer: Analyzer, clock: Clock
) -> RunView:
    """Apply one move, store its turn and the new state together, and return the new view.

    Raises:
        NotFound: the run is missing or not ``viewer``'s. PausedForSafety: the run is held.
        NotYourMove: acting for the partner on two devices, or out of turn.
        StaleView: the screen showed an older version. MoveNotAllowed, InvalidInput: as the
            run's own machine.
    """
    with uow:
        stored = _visible(uow, request.run, request.viewer)
        if request.move_key is not None and uow.imago_runs.key_used(stored.id, request.move_key):
            return _view(uow, stored, request.viewer)  # a resent move: already made
        _check_allowed(stored, request)
        if uow.safety.couple_paused(stored.couple):
            raise PausedForSafety("dialogue.paused")  # joint work is paused (issue 6)
        now = clock.now()
        _check_break_over(uow, stored, request, now=now)
        time_out = None
        if _calls_time_out(uow, stored, request, analyzer):
            after = _time_out(uow, stored, request, now=now)
            time_out = time_out_runs.call_from_exercise(uow, by=request.acting_as, now=now)
        else:
            after = _take_turn(uow, stored, request, analyzer=analyzer, now=now)
            _commit_gift(uow, stored, after, now=now)
        uow.imago_runs.save(stored, after, now=now)
        view = _view(uow, replace(stored, state=after, updated_at=now), request.viewer)
        view = replace(view, time_out=time_out)
        uow.commit()
    log.info("imago run %s: %s at %s -> %s", stored.id, request.move, stored.state.step, after.step)
    return view


def _visible(uow: UnitOfWork, run: RunId, viewer: PersonId) -> StoredRun:
    stored = uow.imago_runs.get(run, viewer=viewer)
    if stored is None:
        raise NotFound("dialogue.not_found")
    return stored


def _check_allowed(stored: StoredRun, request: RunMove) -> None:
    state = stored.state
    if state.step.value == FAMILIES[stored.kind].held:
        raise PausedForSafety("dialogue.paused")
    partners = (state.sender, state.receiver)
    one_device = stored.mode is DialogueMode.ONE_DEVICE and request.acting_as in partners
    if request.acting_as != request.viewer and not one_device:
        raise NotYourMove("dialogue.not_your_move")  # on two devices, each speaks for themselves
    if request.expected_version is not None and request.expected_version != state.version:
        raise StaleView("dialogue.stale")


def _check_break_over(
    uow: UnitOfWork, stored: StoredRun, request: RunMove, *, now: datetime
) -> None:
    """A time-out lasts at least the couple's agreed break before resuming (§2.12)."""
    if request.move != RESUME or stored.state.step.value != TIMEOUT_STEP:
        return
    back_at = _back_at(uow, stored, uow.imago_runs.turns(stored.id, viewer=request.viewer))
    if back_at is not None and now < back_at:
        raise InvalidInput("time_out.too_soon")


def _back_at(uow: UnitOfWork, stored: StoredRun, turns: Sequence[RunTurn]) -> datetime | None:
    """When the current time-out's shortest break ends; None without a plan or a time-out."""
    if stored.state.step.value != TIMEOUT_STEP:
        return None
    plan = uow.time_out_plans.of_couple(stored.couple)
    called = next((t for t in reversed(turns) if t.move == TIME_OUT), None)
    if plan is None or called is None:
        return None
    return called.created_at + timedelta(minutes=plan.min_minutes)


def _take_turn(
    uow: UnitOfWork, stored: StoredRun, request: RunMove, *, analyzer: Analyzer, now: datetime
) -> ImagoRun:
    """Apply the move, judge its words for safety only, and add the turn (not yet committed)."""
    before, speaker = stored.state, request.acting_as
    text = (request.text or "").strip()
    after = apply_move(before, request.move, speaker, text or None, pick=request.pick)
    if needs_text(before, request.move) is Text.NONE:
        text = ""  # a move without words keeps none, whatever the form sent
    safety = reading(analyzer, text).safety if text else None
    withheld = safety is not None and safety.level is SafetyLevel.URGENT
    if withheld and safety is not None:
        after = before.hold_for_safety()
        kinds = tuple(kind.value for kind in safety.kinds)
        raise_from_dialogue(uow, couple=stored.couple, speaker=speaker, kinds=kinds, now=now)
    turn = RunTurn(
        0, speaker, before.step.value, request.move, text, withheld, request.move_key, now
    )
    uow.imago_runs.add_turn(stored.id, turn)
    return after


def _calls_time_out(
    uow: UnitOfWork, stored: StoredRun, request: RunMove, analyzer: Analyzer
) -> bool:
    """Whether the move calls the couple's break while the run runs (§2.12, issue 4).

    The "I need a break" button and the code word in the words are one call, once the couple has
    a plan; without one the button only pauses the run. Urgent words are not a time-out: safety
    beats structure, so they take the safety path.
    """
    if TIME_OUT not in {m.value for m in stored.state.legal_moves(request.acting_as)}:
        return False  # nothing is running (finished, held, already paused)
    button = request.move == TIME_OUT
    if not time_out_runs.calls_break(uow, by=request.acting_as, button=button, text=request.text):
        return False
    return button or reading(analyzer, request.text or "").safety.level is not SafetyLevel.URGENT


def _time_out(uow: UnitOfWork, stored: StoredRun, request: RunMove, *, now: datetime) -> ImagoRun:
    """Pause at the exact step, keeping no words with the call (§0.1: no half-said turns)."""
    paused = apply_move(stored.state, TIME_OUT, request.acting_as)
    turn = RunTurn(
        index=0,
        speaker=request.acting_as,
        step=stored.state.step.value,
        move=TIME_OUT,
        text="",
        withheld=False,
        move_key=request.move_key,
        created_at=now,
    )
    uow.imago_runs.add_turn(stored.id, turn)
    return paused


def _commit_gift(uow: UnitOfWork, stored: StoredRun, after: ImagoRun, *, now: datetime) -> None:
    """Turn a confirmed request into a commitment with dates and check-ins (§2.3)."""
    if not isinstance(after, BehaviorChangeRequest) or after.step is not RequestStep.FOLLOW_UP:
        return
    if stored.state.step is RequestStep.FOLLOW_UP:
        return
    request, restatement = after.chosen_request or "", after.restatement or ""
    commitment = Commitment.begin(
        requester=after.sender,
        giver=after.receiver,
        request=request,
        restatement=restatement,
        on=now.date(),
    )
    uow.commitments.add(stored.couple, stored.id, commitment, now=now)


def _view(uow: UnitOfWork, stored: StoredRun, viewer: PersonId) -> RunView:
    state = stored.state
    turns = tuple(uow.imago_runs.turns(stored.id, viewer=viewer))
    return RunView(
        id=stored.id,
        couple=stored.couple,
        kind=stored.kind,
        mode=stored.mode,
        state=state,
        turns=turns,
        names=uow.people.names((state.sender, state.receiver)),
        recap=_recap(stored, turns),
        back_at=_back_at(uow, stored, turns),
        updated_at=stored.updated_at,
    )


def _recap(stored: StoredRun, turns: tuple[RunTurn, ...]) -> str | None:
    """The last mirror, while the run waits for a resume and on the step right after it."""
    family = FAMILIES[stored.kind]
    waiting = stored.state.step.value in family.waiting
    just_back = bool(turns) and turns[-1].move == RESUME
    if not (waiting or just_back):
        return None
    said = [Said(t.step, t.text) for t in turns if t.text and not t.withheld]
    mirror = last_mirror(said, family.mirror_steps)
    return None if mirror is None else mirror.text
