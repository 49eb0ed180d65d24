"""Couples and the one-time invite codes that join them (domain.md §3.1).

An invite stores only the SHA-256 of its code. Reads of a couple name the person asking and
answer None for anyone who is not a member, so "not yours" and "missing" look the same.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ForeignKey, String, delete, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from attunement.domain.ids import CoupleId, PersonId
from attunement.domain.people import Couple
from attunement.store.base import Base, UtcDateTime, new_id, rows_changed


class CoupleRow(Base):
    __tablename__ = "couples"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    # One couple per person: each column is unique, and the services keep a person out of the
    # other column of a second couple.
    partner_a: Mapped[str] = mapped_column(ForeignKey("people.id"), unique=True)
    partner_b: Mapped[str | None] = mapped_column(ForeignKey("people.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    def to_couple(self) -> Couple:
        partner_b = None if self.partner_b is None else PersonId(self.partner_b)
        return Couple(id=CoupleId(self.id), partner_a=PersonId(self.partner_a), partner_b=partner_b)


class InviteRow(Base):
    __tablename__ = "invites"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    couple_id: Mapped[str] = mapped_column(ForeignKey("couples.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[str] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    used_by: Mapped[str | None] = mapped_column(ForeignKey("people.id"), default=None)


@dataclass(frozen=True, slots=True)
class Invite:
    couple: CoupleId
    created_by: PersonId
    expires_at: datetime
    used_at: datetime | None


class CoupleRepository:
    """Couples, always read as one of their members."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def of_member(self, person: PersonId) -> Couple | None:
        """The couple ``person`` belongs to, or None."""
        row = self._session.scalar(
            select(CoupleRow).where(
                or_(CoupleRow.partner_a == person, CoupleRow.partner_b == person)
            )
        )
        return None if row is None else row.to_couple()

    def add(self, partner_a: PersonId, *, now: datetime) -> Couple:
        row = CoupleRow(id=new_id(), partner_a=partner_a, partner_b=None, created_at=now)
        self._session.add(row)
        self._session.flush()
        return row.to_couple()

    def join(self, couple: CoupleId, partner_b: PersonId) -> Couple | None:
        """Seat ``partner_b``; None when someone else took the seat first."""
        result = self._session.execute(
            update(CoupleRow)
            .where(CoupleRow.id == couple, CoupleRow.partner_b.is_(None))
            .values(partner_b=partner_b)
        )
        return self.of_member(partner_b) if rows_changed(result) == 1 else None

    def remove_alone(self, person: PersonId) -> None:
        """Drop the couple ``person`` started and nobody joined (it leaves for another)."""
        self._session.execute(
            delete(CoupleRow).where(CoupleRow.partner_a == person, CoupleRow.partner_b.is_(None))
        )


class InviteRepository:
    """Invite codes, found only by the hash of the code someone typed."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self, code_hash: str, couple: CoupleId, *, by: PersonId, now: datetime, expires_at: datetime
    ) -> None:
        self._session.add(
            InviteRow(
                id=new_id(),
                code_hash=code_hash,
                couple_id=couple,
                created_by=by,
                created_at=now,
                expires_at=expires_at,
            )
        )
        self._session.flush()

    def find(self, code_hash: str) -> Invite | None:
        row = self._session.scalar(select(InviteRow).where(InviteRow.code_hash == code_hash))
        if row is None:
            return None
        return Invite(
            couple=CoupleId(row.couple_id),
            created_by=PersonId(row.created_by),
            expires_at=row.expires_at,
            used_at=row.used_at,
        )

    def pending(self, couple: CoupleId, *, now: datetime) -> bool:
        """True when the couple has an unused invite that has not expired."""
        query = select(InviteRow.id).where(
            InviteRow.couple_id == couple, InviteRow.used_at.is_(None), InviteRow.expires_at > now
        )
        return self._session.scalar(query.limit(1)) is not None

    def expire_pending(self, couple: CoupleId, *, now: datetime) -> None:
        """End every unused invite of ``couple``: a new code replaces the old one."""
        self._session.execute(
            update(InviteRow)
            .where(
                InviteRow.couple_id == couple,
                InviteRow.used_at.is_(None),
                InviteRow.expires_at > now,
            )
            .values(expires_at=now)
        )

    def use(self, code_hash: str, *, by: PersonId, now: datetime) -> bool:
        """Mark the code used; False when it was used or expired in the meantime."""
        result = self._session.execute(
            update(InviteRow)
            .where(
                InviteRow.code_hash == code_hash,
                InviteRow.used_at.is_(None),
                InviteRow.expires_at > now,
            )
            .values(used_at=now, used_by=by)
        )
        return rows_changed(result) == 1
