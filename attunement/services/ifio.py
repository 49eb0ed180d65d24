"""IFIO for the couple: the five-stage programme and the protective cycle map (§2.8, §2.10).

Both belong to the couple: each partner reads them, nobody else can. The programme is made the
first time either partner opens it. A cycle map whose words the feedback engine reads as an
urgent risk stops for both, and those words are not kept (fear of the partner belongs to the
safety path, §4, not to a map of the dance).
"""

from dataclasses import dataclass

from attunement.domain.analysis import Analyzer, SafetyLevel
from attunement.domain.clock import Clock
from attunement.domain.errors import InvalidInput
from attunement.domain.exercises.cycle_map import CycleMap, Move
from attunement.domain.ids import PersonId, RunId
from attunement.domain.stages import IfioProgramme, Sign
from attunement.services import time_out_runs
from attunement.services.readings import reading
from attunement.services.runs import RunRef, change_run, read_run, runs_of
from attunement.services.uow import UnitOfWork

PROGRAMME = "ifio_programme"
CYCLE = "cycle_map"


@dataclass(frozen=True, slots=True)
class CycleMove:
    """One move on a cycle map as a screen sends it."""

    move: Move
    text: str | None = None
    at: int | None = None


def _partners(uow: UnitOfWork, person: PersonId) -> tuple[PersonId, PersonId]:
    couple = uow.couples.of_member(person)
    partner = None if couple is None else couple.partner_of(person)
    if couple is None or partner is None:
        raise InvalidInput("dialogue.no_partner")
    return couple.partner_a, couple.partner_b or partner


def programme_of(uow: UnitOfWork, *, viewer: PersonId, clock: Clock) -> tuple[RunId, IfioProgramme]:
    """The couple's programme, made at stage 1 the first time either partner opens it."""
    with uow:
        partners = _partners(uow, viewer)
        existing = uow.runs.of_member(PROGRAMME, viewer=viewer)
        if existing:
            run = existing[0].id  # the oldest, should two first visits have raced
        else:
            run = uow.runs.add(PROGRAMME, partners, IfioProgramme(partners), now=clock.now())
            uow.commit()
    return run, read_run(uow, RunRef(run, PROGRAMME, viewer), IfioProgramme)


def record_sign(uow: UnitOfWork, ref: RunRef, sign: Sign, *, clock: Clock) -> IfioProgramme:
    """Tick one of the viewer's own readiness signs."""
    return change_run(
        uow,
        ref,
        IfioProgramme,
        lambda p: p.record(sign, for_person=ref.viewer, by=ref.viewer),
        clock=clock,
    )


def confirm_advance(uow: UnitOfWork, ref: RunRef, *, clock: Clock) -> IfioProgramme:
    """Agree to move on; the stage changes once every decider has agreed."""
    return change_run(uow, ref, IfioProgramme, lambda p: p.confirm_advance(ref.viewer), clock=clock)


def start_cycle_map(uow: UnitOfWork, *, by: PersonId, clock: Clock) -> RunId:
    """A new map of the couple's cycle, opened by ``by``."""
    with uow:
        first, second = _partners(uow, by)
        partner = second if first == by else first
        run = uow.runs.add(
            CYCLE, (by, partner), CycleMap(first=by, second=partner), now=clock.now()
        )
        uow.commit()
    return run


def cycle_maps_of(uow: UnitOfWork, *, viewer: PersonId) -> list[tuple[RunId, CycleMap]]:
    """The couple's cycle maps, oldest first."""
    return runs_of(uow, CYCLE, CycleMap, viewer=viewer)


def cycle_map_of(uow: UnitOfWork, ref: RunRef) -> CycleMap:
    """One cycle map; NotFound for anyone outside the couple."""
    return read_run(uow, ref, CycleMap)


def move_on_cycle_map(
    uow: UnitOfWork, ref: RunRef, request: CycleMove, *, analyzer: Analyzer, clock: Clock
) -> CycleMap:
    """Make one move; words read as an urgent risk hold the map for both and are not kept."""
    urgent = bool(request.text) and (
        reading(analyzer, request.text or "").safety.level is SafetyLevel.URGENT
    )

    def change(cycle: CycleMap) -> CycleMap:
        if urgent:
            return cycle.hold_for_safety()
        return cycle.apply(request.move, ref.viewer, request.text, at=request.at)

    return change_run(uow, ref, CycleMap, change, clock=clock)


def pause_cycle_map_for_break(
    uow: UnitOfWork, ref: RunRef, request: CycleMove, *, analyzer: Analyzer, clock: Clock
) -> tuple[RunId, int] | None:
    """Pause the map for the couple's break: its "Pause" button or their code word (§2.12).

    None without a plan, or for urgent words, which take the safety path: the move then goes on
    as usual. The words are not kept.
    """
    button, text = request.move is Move.PAUSE, request.text
    if not time_out_runs.heard_break(uow, by=ref.viewer, button=button, text=text):
        return None
    if not button and reading(analyzer, text or "").safety.level is SafetyLevel.URGENT:
        return None
    return time_out_runs.pause_for_break(
        uow, ref, CycleMap, lambda cycle: cycle.apply(Move.PAUSE, ref.viewer), clock=clock
    )
