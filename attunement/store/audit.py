"""The audit log: who read or changed which private object, and when; never the content.

Rows are only ever appended, each carrying the SHA-256 of the one before it, so removing or
editing a row breaks the chain that ``verify_chain`` walks (HIPAA 164.312(b), ASVS 16.4.2). On
PostgreSQL a trigger also refuses UPDATE and DELETE on the table.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, String, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from attunement.domain.ids import PersonId
from attunement.store.base import Base, UtcDateTime

GENESIS = "0" * 64


class AuditRow(Base):
    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    actor_id: Mapped[str | None] = mapped_column(String(32), index=True)
    action: Mapped[str] = mapped_column(String(40))
    object_kind: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(64))
    previous: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(64))


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: datetime
    actor: PersonId | None
    action: str
    object_kind: str
    object_id: str


def digest_of(previous: str, entry: AuditEntry) -> str:
    """The chained hash of one entry."""
    fields = [
        previous,
        entry.at.isoformat(),
        entry.actor or "",
        entry.action,
        entry.object_kind,
        entry.object_id,
    ]
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


class AuditRepository:
    """Append and read; there is deliberately no update or delete."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def append(self, entry: AuditEntry) -> None:
        if self._session.get_bind().dialect.name == "postgresql":
            # One writer at a time extends the chain, so two requests never share a link.
            self._session.execute(text("SELECT pg_advisory_xact_lock(6006)"))
        query = select(AuditRow.digest).order_by(AuditRow.seq.desc()).limit(1)
        previous = self._session.scalar(query) or GENESIS
        self._session.add(
            AuditRow(
                at=entry.at,
                actor_id=entry.actor,
                action=entry.action,
                object_kind=entry.object_kind,
                object_id=entry.object_id,
                previous=previous,
                digest=digest_of(previous, entry),
            )
        )
        self._session.flush()

    def of_actor(
        self, actor: PersonId, actions: tuple[str, ...], limit: int = 50
    ) -> list[AuditEntry]:
        """``actor``'s own entries of these ``actions``, newest first (their login history)."""
        query = (
            select(AuditRow)
            .where(AuditRow.actor_id == actor, AuditRow.action.in_(actions))
            .order_by(AuditRow.seq.desc())
            .limit(limit)
        )
        return [_entry(row) for row in self._session.scalars(query)]

    def verify_chain(self) -> int:
        """The number of entries, after checking every link; ValueError at the first break."""
        previous, count = GENESIS, 0
        for row in self._session.scalars(select(AuditRow).order_by(AuditRow.seq)):
            if row.previous != previous or row.digest != digest_of(previous, _entry(row)):
                raise ValueError(f"audit chain broken at entry {row.seq}")
            previous, count = row.digest, count + 1
        return count


def _entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        at=row.at,
        actor=None if row.actor_id is None else PersonId(row.actor_id),
        action=row.action,
        object_kind=row.object_kind,
        object_id=row.object_id,
    )
