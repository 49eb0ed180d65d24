"""The 6 Fs as use cases: start one for a part, make a move, read it back (domain.md §2.6).

Each move is one transaction: the run's new state and the answers it writes onto the part's card
are committed together, so a refresh or a lost connection shows exactly what was said. A screen
made before the latest move is refused (``StaleView``) and shown the current step. The run is
its explorer's alone; for anyone else it does not exist.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from attunement.domain.clock import Clock
from attunement.domain.errors import NotFound, StaleView
from attunement.domain.exercises.six_fs import CARD_ANSWERS, NEW_TARGET, PERMISSIONS, Move, SixFs
from attunement.domain.ids import PartId, PersonId, RunId
from attunement.domain.parts import Part, PartRole
from attunement.domain.visibility import Viewer
from attunement.services.uow import UnitOfWork
from attunement.store.states import from_json

log = logging.getLogger(__name__)
KIND = "six_fs"


@dataclass(frozen=True, slots=True)
class SixFsMove:
    """One move as a screen sends it; ``expected_version`` is the version the screen showed."""

    run: RunId
    by: PersonId
    move: Move
    text: str | None = None
    expected_version: int | None = None


def start_six_fs(uow: UnitOfWork, *, part: PartId, by: PersonId, clock: Clock) -> RunId:
    """Begin getting to know one of ``by``'s own parts; NotFound for anyone else's."""
    with uow:
        found = uow.parts.get(part, viewer=Viewer(by))
        if found is None:
            raise NotFound("part.not_found")
        state = SixFs.start(by, found.name, found.id)
        run = uow.runs.add(KIND, (by,), state, now=clock.now())
        uow.commit()
    log.info("six_fs %s started", run)
    return run


def six_fs_of(uow: UnitOfWork, run: RunId, *, viewer: PersonId) -> SixFs:
    """The run as its explorer left it; NotFound for a missing run or anyone else."""
    with uow:
        stored = uow.runs.get(run, KIND, viewer=viewer)
    if stored is None:
        raise NotFound("part.not_found")
    return from_json(SixFs, stored.state)


def make_six_fs_move(uow: UnitOfWork, request: SixFsMove, *, clock: Clock) -> SixFs:
    """Apply one move and write its answer onto the target part's card, together.

    Raises:
        NotFound: the run is missing or not ``by``'s.
        StaleView: the screen was made before the latest move.
        MoveNotAllowed, InvalidInput: the machine's refusals; nothing is saved.
    """
    now = clock.now()
    with uow:
        stored = uow.runs.get(request.run, KIND, viewer=request.by)
        if stored is None:
            raise NotFound("part.not_found")
        state = from_json(SixFs, stored.state)
        if request.expected_version not in (None, state.version):
            raise StaleView("error.stale")
        new_part = None
        if request.move in NEW_TARGET and request.text and request.text.strip():
            draft = Part.named(PartId(""), request.by, request.text, PartRole.UNKNOWN)
            new_part = uow.parts.add(draft, now=now).id
        after = state.apply(request.move, request.by, request.text, part=new_part)
        _fill_card(uow, state, after, request.move, now=now)
        uow.runs.save(stored, after, now=now)
        uow.commit()
    return after


def _fill_card(uow: UnitOfWork, before: SixFs, after: SixFs, move: Move, *, now: datetime) -> None:
    """Write the answer or the protector's permission onto the target's own card."""
    target = before.target.part
    if target is None or (move not in CARD_ANSWERS and move not in PERMISSIONS):
        return
    part = uow.parts.get(target, viewer=Viewer(before.explorer))
    if part is None:
        return  # the card was removed; the run keeps the answer
    if move in CARD_ANSWERS:
        part = part.with_answer(CARD_ANSWERS[move], after.answers[-1].text)
    else:
        part = part.with_permission(PERMISSIONS[move])
    uow.parts.save(part, now=now)
