"""Unburdening as use cases, only ever with the couple's invited therapist (domain.md §2.7).

A client starts a run from one of their own parts; the couple's therapist *now* is attached
to it, and without one the start is refused in words the client can act on. The therapist is
checked against the couple's link on every read and move, so a therapist the couple let go
finds the run gone (``NotFound``), exactly like one the couple never invited. Releasing the
burden is the one place in the app that sets a ``Burden`` to released (§3.4), in the same
transaction as the move. Pausing keeps the step; only the therapist resumes, at that step.
"""

import logging
from dataclasses import dataclass, replace

from attunement.domain.clock import Clock
from attunement.domain.errors import MoveNotAllowed, NotFound, StaleView
from attunement.domain.exercises.unburdening import Move, Unburdening
from attunement.domain.ids import PartId, PersonId, RunId
from attunement.domain.parts import Part, Permission, RelationKind
from attunement.domain.visibility import Viewer
from attunement.services.uow import UnitOfWork
from attunement.store.inner_runs import StoredRun
from attunement.store.states import from_json

log = logging.getLogger(__name__)
KIND = "unburdening"


@dataclass(frozen=True, slots=True)
class UnburdeningMove:
    """One move as a screen sends it; ``expected_version`` is the version the screen showed."""

    run: RunId
    by: PersonId
    move: Move
    text: str | None = None
    expected_version: int | None = None


def start_unburdening(uow: UnitOfWork, *, part: PartId, by: PersonId, clock: Clock) -> RunId:
    """Open a run for one of ``by``'s own parts with their couple's therapist attached.

    Raises:
        NotFound: the part is missing or not ``by``'s.
        MoveNotAllowed: ``unburdening.needs_therapist`` when the couple has no therapist now;
            ``unburdening.needs_permission`` when no protector said yes in the 6 Fs.
    """
    with uow:
        found = uow.parts.get(part, viewer=Viewer(by))
        if found is None:
            raise NotFound("part.not_found")
        couple = uow.couples.of_member(by)
        therapist = None if couple is None else uow.therapists.therapist_of(couple.id)
        if therapist is None:
            raise MoveNotAllowed("unburdening.needs_therapist")
        state = replace(Unburdening.start(by, therapist, _permission(uow, found)), part=found.id)
        run = uow.runs.add(KIND, (by, therapist), state, now=clock.now())
        uow.commit()
    log.info("unburdening %s opened", run)
    return run


def _permission(uow: UnitOfWork, exile: Part) -> Permission:
    """Granted when the part itself, or a protector of it, said yes in the 6 Fs ``NEXT``."""
    if exile.permission is Permission.GRANTED:
        return Permission.GRANTED
    own = uow.parts.of_owner(exile.owner, viewer=Viewer(exile.owner))
    by_id = {part.id: part for part in own}
    for relation in uow.parts.relations_among(own):
        protector = by_id.get(relation.from_part)
        if (
            relation.kind is RelationKind.PROTECTS
            and relation.to_part == exile.id
            and protector is not None
            and protector.permission is Permission.GRANTED
        ):
            return Permission.GRANTED
    return Permission.NONE


def _found(uow: UnitOfWork, run: RunId, viewer: PersonId) -> tuple[StoredRun, Unburdening]:
    """The run for a member; for its therapist only while the couple's link stands."""
    stored = uow.runs.get(run, KIND, viewer=viewer)
    if stored is None:
        raise NotFound("part.not_found")
    state = from_json(Unburdening, stored.state)
    couple = uow.couples.of_member(state.client)
    if viewer == state.therapist and (
        couple is None or uow.therapists.therapist_of(couple.id) != viewer
    ):
        raise NotFound("part.not_found")
    return stored, state


def unburdening_of(uow: UnitOfWork, run: RunId, *, viewer: PersonId) -> Unburdening:
    """The run as it stands; NotFound for anyone but its client and present therapist."""
    with uow:
        return _found(uow, run, viewer)[1]


def runs_for(uow: UnitOfWork, *, viewer: PersonId) -> list[tuple[RunId, Unburdening]]:
    """``viewer``'s runs, as client or as the therapist still linked, oldest first."""
    with uow:
        stored = uow.runs.of_member(KIND, viewer=viewer)
        found = []
        for run in stored:
            try:
                found.append((run.id, _found(uow, run.id, viewer)[1]))
            except NotFound:
                continue
    return found


def make_unburdening_move(
    uow: UnitOfWork, request: UnburdeningMove, *, clock: Clock
) -> Unburdening:
    """Apply one move; a release sets the part's burdens down in the same transaction.

    Raises:
        NotFound: the run is missing, not ``by``'s, or ``by`` is no longer the therapist.
        StaleView: the screen was made before the latest move.
        NotYourMove, MoveNotAllowed, InvalidInput: the machine's refusals; nothing is saved.
    """
    now = clock.now()
    with uow:
        stored, state = _found(uow, request.run, request.by)
        if request.expected_version not in (None, state.version):
            raise StaleView("error.stale")
        after = state.apply(request.move, request.by, request.text)
        if after.released and not state.released and state.part is not None:
            part = uow.parts.get(state.part, viewer=Viewer(state.client))
            if part is not None:
                uow.parts.save(part.with_burdens_released(), now=now)
        uow.runs.save(stored, after, now=now)
        uow.commit()
    log.info("unburdening %s moved to %s", request.run, after.step)
    return after
