"""Commitments from Behavior Change Requests, and their check-ins, as use cases (domain.md §2.3).

Both partners see every commitment of their couple and record check-ins on it; anyone else gets
``NotFound``, worded like a missing one.
"""

import logging
from dataclasses import dataclass

from attunement.domain.clock import Clock
from attunement.domain.commitments import CheckIn, FollowUp
from attunement.domain.errors import NotFound
from attunement.domain.ids import PersonId
from attunement.domain.imago_runs import CommitmentId
from attunement.services.uow import UnitOfWork
from attunement.store.commitments import StoredCommitment

log = logging.getLogger(__name__)


def commitments_of(uow: UnitOfWork, *, viewer: PersonId) -> list[StoredCommitment]:
    """Every commitment of ``viewer``'s couple, newest first, with its check-ins."""
    with uow:
        return uow.commitments.of_viewer(viewer)


@dataclass(frozen=True, slots=True)
class CheckInRequest:
    commitment: CommitmentId
    by: PersonId
    status: CheckIn
    note: str = ""


def record_check_in(uow: UnitOfWork, request: CheckInRequest, *, clock: Clock) -> StoredCommitment:
    """Record today's check-in: done, partly or not yet, with an optional note.

    Raises:
        NotFound: the commitment is missing or not of the person's couple.
        InvalidInput: as ``Commitment.record`` (after its end, twice a day, a long note).
    """
    commitment, by = request.commitment, request.by
    status, note = request.status, request.note
    with uow:
        stored = uow.commitments.get(commitment, viewer=by)
        if stored is None:
            raise NotFound("dialogue.not_found")
        today = clock.now().date()
        follow_up = FollowUp(day=today, status=status, by=by, note=" ".join(note.split()))
        recorded = stored.commitment.record(follow_up, today=today)
        uow.commitments.add_follow_up(stored.id, follow_up, now=clock.now())
        uow.commit()
    log.info("commitment %s: check-in %s", commitment, status.value)
    return StoredCommitment(stored.id, stored.run, recorded)
