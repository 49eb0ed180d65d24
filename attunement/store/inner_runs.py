"""The guided runs of the IFS/IFIO exercises: 6 Fs, U-turn, cycle map, check-in, unburdening.

A run keeps its machine's whole state as JSON (``store/states.py``), read only by its members.
The state is sealed once for each member with their own key (issue 6), and each member opens
their own copy; a member whose account is deleted gets no new copy. The kind, step and version
stay plain beside it: the queries and the stale-view check read them.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ColumnElement, ForeignKey, Integer, String, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from attunement.domain.errors import StaleView
from attunement.domain.ids import PersonId, RunId
from attunement.store.base import Base, UtcDateTime, new_id, rows_changed
from attunement.store.crypto import Sealer
from attunement.store.states import to_json

RUNS = "inner_runs"


class RunRow(Base):
    """One guided run; ``state`` is the machine, whole (``store/states.py``)."""

    __tablename__ = "inner_runs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    person_a: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    person_b: Mapped[str | None] = mapped_column(ForeignKey("people.id"), index=True)
    step: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


@dataclass(frozen=True, slots=True)
class StoredRun:
    id: RunId
    kind: str
    members: tuple[PersonId, ...]
    state: dict[str, Any]
    version: int
    created_at: datetime
    updated_at: datetime


def _members(row: RunRow) -> tuple[PersonId, ...]:
    return (PersonId(row.person_a),) + (() if row.person_b is None else (PersonId(row.person_b),))


class RunRepository:
    """Guided runs, read only by their members."""

    def __init__(self, session: Session, sealer: Sealer) -> None:
        self._session = session
        self._sealer = sealer

    def add(
        self, kind: str, members: tuple[PersonId, ...], state: object, *, now: datetime
    ) -> RunId:
        data = to_json(state)
        row_id = new_id()
        row = RunRow(
            id=row_id,
            kind=kind,
            person_a=members[0],
            person_b=members[1] if len(members) > 1 else None,
            step=str(data.get("step", "")),
            version=int(data.get("version", 0)),
            state=self._sealer.seal_for(members, (RUNS, row_id), data),
            created_at=now,
            updated_at=now,
        )
        self._session.add(row)
        self._session.flush()
        return RunId(row.id)

    def get(self, run: RunId, kind: str, *, viewer: PersonId) -> StoredRun | None:
        """The run, or None when missing, of another kind, or ``viewer`` is not a member."""
        query = select(RunRow).where(RunRow.id == run, RunRow.kind == kind, _member(viewer))
        row = self._session.scalar(query)
        return None if row is None else self._stored(row, viewer)

    def of_member(self, kind: str, *, viewer: PersonId) -> list[StoredRun]:
        """``viewer``'s runs of ``kind``, oldest first."""
        query = (
            select(RunRow)
            .where(RunRow.kind == kind, _member(viewer))
            .order_by(RunRow.created_at, RunRow.id)
        )
        return [self._stored(row, viewer) for row in self._session.scalars(query)]

    def save(self, run: StoredRun, state: object, *, now: datetime) -> None:
        """Write ``state`` over ``run``; StaleView when another move got there first."""
        data = to_json(state)
        result = self._session.execute(
            update(RunRow)
            .where(RunRow.id == run.id, RunRow.version == run.version)
            .values(
                state=self._sealer.seal_for(run.members, (RUNS, run.id), data),
                step=str(data.get("step", "")),
                version=int(data.get("version", 0)),
                updated_at=now,
            )
        )
        if rows_changed(result) != 1:
            raise StaleView("error.stale")

    def _stored(self, row: RunRow, viewer: PersonId) -> StoredRun:
        """The run with ``viewer``'s own copy of its state opened."""
        return StoredRun(
            id=RunId(row.id),
            kind=row.kind,
            members=_members(row),
            state=self._sealer.open_for(viewer, (RUNS, row.id), row.state),
            version=row.version,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


def _member(viewer: PersonId) -> ColumnElement[bool]:
    return or_(RunRow.person_a == viewer, RunRow.person_b == viewer)
