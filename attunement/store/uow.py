"""The SQL unit of work: one session, one transaction, the repositories (style.md §1, cosmicpython).

A service opens it with ``with uow:``, works through the repositories and calls ``commit()``;
leaving the block without a commit rolls everything back, so a refused move saves nothing.
``reading()`` gives a unit of work that only reads (issue 7): on SQLite it reads beside the one
writer instead of waiting for the write lock, on PostgreSQL it sends no ``BEGIN`` and
``ROLLBACK``, and it refuses to commit.
"""

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from attunement.store.audit import AuditRepository
from attunement.store.commitments import CommitmentRepository, TimeOutPlanRepository
from attunement.store.couples import CoupleRepository, InviteRepository
from attunement.store.crypto import KeyRing, Sealer, process_key_ring
from attunement.store.dialogue import DialogueRepository
from attunement.store.engine import reading_options
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


class SqlUnitOfWork:
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

    def __init__(self, session_factory: sessionmaker[Session], keys: KeyRing | None = None) -> None:
        self._session_factory = session_factory
        self._keys = keys or process_key_ring()  # the app and CLI pass the key file's ring
        self._session: Session | None = None

    def __enter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("unit of work already open: one use case, one transaction")
        session = self._session = self._new_session()
        self.people = PersonRepository(session)
        self.web_sessions = WebSessionRepository(session)
        self.couples = CoupleRepository(session)
        self.invites = InviteRepository(session)
        self.sealer = Sealer(session, self._keys)
        self.imago_runs = ImagoRunRepository(session, self.sealer)
        self.commitments = CommitmentRepository(session, self.sealer)
        self.time_out_plans = TimeOutPlanRepository(session, self.sealer)
        self.parts = PartRepository(session, self.sealer)
        self.runs = RunRepository(session, self.sealer)
        self.administrations = AdministrationRepository(session)
        self.therapists = TherapistRepository(session)
        self.safeguards = SafeguardRepository(session)
        self.practice = PracticeRepository(session, self.sealer)
        self.erasure = ErasureRepository(session)
        self.workups = WorkupRepository(session, self.sealer)
        self.dialogues = DialogueRepository(session, self.sealer)
        self.safety = SafetyRepository(session, self.sealer)
        self.audit = AuditRepository(session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        if session is not None:
            session.rollback()  # a no-op after commit(); otherwise nothing is saved
            session.close()

    def reading(self) -> "SqlUnitOfWork":
        """A unit of work on the same database and keys that only reads."""
        return _ReadingUnitOfWork(self._session_factory, self._keys)

    def commit(self) -> None:
        """Make the work so far durable."""
        self._open().commit()

    def rollback(self) -> None:
        """Drop the work since the last commit."""
        self._open().rollback()

    def _new_session(self) -> Session:
        return self._session_factory()

    def _open(self) -> Session:
        if self._session is None:
            raise RuntimeError("unit of work used outside its 'with' block")
        return self._session


class _ReadingUnitOfWork(SqlUnitOfWork):
    """Reads only: its transaction begins without the write lock, and it cannot commit."""

    def _new_session(self) -> Session:
        session = self._session_factory()
        try:
            session.connection(execution_options=reading_options(session.get_bind()))
        except BaseException:
            session.close()
            raise
        return session

    def commit(self) -> None:
        """Refused: a read that wrote would race the writer it did not wait for."""
        raise RuntimeError("a unit of work that only reads cannot commit")
