"""The unit-of-work port the use cases depend on (style.md §1, cosmicpython).

``SqlUnitOfWork`` in ``attunement.store.uow`` satisfies it structurally. A use case opens it
with ``with uow:``, reads and writes through its repositories, and calls ``commit()``; leaving
without a commit saves nothing. A use case that only reads may open ``uow.reading()`` instead,
which never waits for SQLite's write lock (issue 7).
"""

from types import TracebackType
from typing import Protocol, Self

from attunement.store.audit import AuditRepository
from attunement.store.commitments import CommitmentRepository, TimeOutPlanRepository
from attunement.store.couples import CoupleRepository, InviteRepository
from attunement.store.crypto import Sealer
from attunement.store.dialogue import DialogueRepository
from attunement.store.erasure import ErasureRepository
from attunement.store.imago import ImagoRunRepository
from attunement.store.inner_runs import RunRepository
from attunement.store.measures import AdministrationRepository
from attunement.store.parts import PartRepository
from attunement.store.people import PersonRepository, WebSessionRepository
from attunement.store.practice import PracticeRepository
from attunement.store.safeguards import SafeguardRepository
from attunement.store.safety import SafetyRepository
from attunement.store.therapists import TherapistRepository
from attunement.store.workups import WorkupRepository


class UnitOfWork(Protocol):
    people: PersonRepository
    web_sessions: WebSessionRepository
    couples: CoupleRepository
    invites: InviteRepository
    dialogues: DialogueRepository
    imago_runs: ImagoRunRepository
    commitments: CommitmentRepository
    time_out_plans: TimeOutPlanRepository
    workups: WorkupRepository
    parts: PartRepository
    runs: RunRepository
    administrations: AdministrationRepository
    therapists: TherapistRepository
    safeguards: SafeguardRepository
    practice: PracticeRepository
    erasure: ErasureRepository
    safety: SafetyRepository
    audit: AuditRepository
    sealer: Sealer

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

    def reading(self) -> "UnitOfWork":
        """A unit of work on the same database that only reads and cannot commit."""
        ...

    def commit(self) -> None:
        """Make the work so far durable."""
        ...
