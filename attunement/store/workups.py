"""Imago Workups: one per person, private to its owner (domain.md §2.4, §3.3).

There is no read by id and no read for another person: ``mine`` answers only the owner's own
workup. The one thing a partner's workup tells the other is whether its owner said yes to
comparing traits (``consents``), because overlaps are shown only when both have said yes.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from attunement.domain.errors import StaleView
from attunement.domain.exercises.workup import ImagoWorkup
from attunement.domain.ids import PersonId
from attunement.store.base import Base, UtcDateTime, new_id, rows_changed
from attunement.store.crypto import Sealer
from attunement.store.states import from_json, to_json

WORKUPS = "workups"


class WorkupRow(Base):
    __tablename__ = "workups"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("people.id"), unique=True)
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[dict[str, object]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class WorkupRepository:
    """Each person's own workup; nobody reads another's."""

    def __init__(self, session: Session, sealer: Sealer) -> None:
        self._session = session
        self._sealer = sealer  # the whole state is sealed with the owner's key (issue 6)

    def mine(self, owner: PersonId) -> ImagoWorkup | None:
        row = self._session.scalar(select(WorkupRow).where(WorkupRow.owner_id == owner))
        return None if row is None else from_json(ImagoWorkup, self._open(owner, row.state))

    def _seal(self, workup: ImagoWorkup) -> dict[str, object]:
        return self._sealer.seal_json(
            PersonId(workup.owner), (WORKUPS, workup.owner), to_json(workup)
        )

    def _open(self, owner: PersonId, state: dict[str, object]) -> dict[str, object]:
        """The state; one written before issue 6 is sealed by ``attunement db upgrade``."""
        opened: dict[str, object] = self._sealer.open_json(owner, (WORKUPS, owner), state)
        return opened

    def consents(self, person: PersonId) -> bool:
        """Whether ``person`` said yes to overlaps (False without a workup)."""
        workup = self.mine(person)
        return workup is not None and workup.overlap_consent

    def save(self, before: ImagoWorkup | None, after: ImagoWorkup, *, now: datetime) -> None:
        """Write ``after``; StaleView when another tab saved first."""
        if before is None:
            self._session.add(
                WorkupRow(
                    id=new_id(),
                    owner_id=after.owner,
                    version=after.version,
                    state=self._seal(after),
                    updated_at=now,
                )
            )
            self._session.flush()
            return
        result = self._session.execute(
            update(WorkupRow)
            .where(WorkupRow.owner_id == before.owner, WorkupRow.version == before.version)
            .values(version=after.version, state=self._seal(after), updated_at=now)
        )
        if rows_changed(result) != 1:
            raise StaleView("dialogue.stale")
        self._session.flush()
