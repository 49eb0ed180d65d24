"""A couple's therapist: invite codes, the link, and who may see a couple (domain.md §3.1).

The link between a couple and a therapist exists only once a partner's one-time code was
redeemed, and ends the moment either partner revokes it (security-reference.md, "Therapist
scoping"; ASVS 8.3.2: authorization changes apply immediately). Every read that serves a
therapist goes through ``active_link`` in SQL, so a therapist the couple did not invite, or one
they let go, finds nothing: the same None as a couple that never existed. Codes are stored only
as digests.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, ForeignKey, String, delete, exists, or_, select, update
from sqlalchemy.orm import Mapped, QueryableAttribute, Session, mapped_column

from attunement.domain.ids import CoupleId, PersonId
from attunement.domain.people import Couple
from attunement.domain.therapist import Invitation
from attunement.store.base import Base, UtcDateTime, new_id, rows_changed
from attunement.store.couples import CoupleRow


class TherapistLinkRow(Base):
    __tablename__ = "therapist_links"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    couple_id: Mapped[str] = mapped_column(ForeignKey("couples.id", ondelete="CASCADE"), index=True)
    therapist_id: Mapped[str] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    linked_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)


class TherapistInviteRow(Base):
    __tablename__ = "therapist_invites"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    couple_id: Mapped[str] = mapped_column(ForeignKey("couples.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    used_by: Mapped[str | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), default=None
    )


def active_link(
    couple: CoupleId | QueryableAttribute[str], therapist: PersonId
) -> ColumnElement[bool]:
    """SQL: ``therapist`` is the couple's therapist now (invited, not revoked)."""
    return (
        (TherapistLinkRow.couple_id == couple)
        & (TherapistLinkRow.therapist_id == therapist)
        & TherapistLinkRow.revoked_at.is_(None)
    )


def may_see_couple(couple: QueryableAttribute[str], viewer: PersonId) -> ColumnElement[bool]:
    """SQL: ``viewer`` is a partner of ``couple`` or its therapist now."""
    member = exists(
        select(CoupleRow.id).where(
            CoupleRow.id == couple,
            or_(CoupleRow.partner_a == viewer, CoupleRow.partner_b == viewer),
        )
    )
    return member | exists(select(TherapistLinkRow.id).where(active_link(couple, viewer)))


class TherapistRepository:
    """Invite codes and links; a couple is read for a therapist only through its link."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add_invite(self, invitation: Invitation, *, expires_at: datetime) -> None:
        """Store a code (as its digest); any earlier unused code of the couple stops working."""
        self._session.execute(
            update(TherapistInviteRow)
            .where(
                TherapistInviteRow.couple_id == invitation.couple,
                TherapistInviteRow.used_at.is_(None),
                TherapistInviteRow.expires_at > invitation.created_at,
            )
            .values(expires_at=invitation.created_at)
        )
        self._session.add(
            TherapistInviteRow(
                id=new_id(),
                code_hash=invitation.digest,
                couple_id=invitation.couple,
                created_by=invitation.created_by,
                created_at=invitation.created_at,
                expires_at=expires_at,
            )
        )
        self._session.flush()

    def invite(self, digest: str) -> tuple[Invitation, datetime] | None:
        """The invitation with this digest and when it expires; None for an unknown code."""
        row = self._session.scalar(
            select(TherapistInviteRow).where(TherapistInviteRow.code_hash == digest)
        )
        if row is None or row.created_by is None:
            return None
        invitation = Invitation(
            couple=CoupleId(row.couple_id),
            digest=row.code_hash,
            created_by=PersonId(row.created_by),
            created_at=row.created_at,
            redeemed_by=None if row.used_by is None else PersonId(row.used_by),
            redeemed_at=row.used_at,
        )
        return invitation, row.expires_at

    def use_invite(self, digest: str, *, by: PersonId, now: datetime) -> bool:
        """Mark the code used; False when someone used it, or it expired, in the meantime."""
        result = self._session.execute(
            update(TherapistInviteRow)
            .where(
                TherapistInviteRow.code_hash == digest,
                TherapistInviteRow.used_at.is_(None),
                TherapistInviteRow.expires_at > now,
            )
            .values(used_at=now, used_by=by)
        )
        return rows_changed(result) == 1

    def link(self, couple: CoupleId, therapist: PersonId, *, now: datetime) -> None:
        """Make ``therapist`` the couple's therapist; a previous therapist's link ends."""
        self.revoke(couple, now=now)
        self._session.add(
            TherapistLinkRow(id=new_id(), couple_id=couple, therapist_id=therapist, linked_at=now)
        )
        self._session.flush()

    def revoke(self, couple: CoupleId, *, now: datetime) -> bool:
        """End the couple's link to its therapist; False when there was none."""
        result = self._session.execute(
            update(TherapistLinkRow)
            .where(TherapistLinkRow.couple_id == couple, TherapistLinkRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return rows_changed(result) > 0

    def therapist_of(self, couple: CoupleId) -> PersonId | None:
        """The couple's therapist now, if any."""
        query = select(TherapistLinkRow.therapist_id).where(
            TherapistLinkRow.couple_id == couple, TherapistLinkRow.revoked_at.is_(None)
        )
        found = self._session.scalar(query)
        return None if found is None else PersonId(found)

    def couple_for(self, couple: CoupleId, *, therapist: PersonId) -> Couple | None:
        """The couple, if ``therapist`` is its therapist now; None for anyone else or missing."""
        query = (
            select(CoupleRow)
            .join(TherapistLinkRow, TherapistLinkRow.couple_id == CoupleRow.id)
            .where(active_link(couple, therapist))
        )
        row = self._session.scalar(query)
        return None if row is None else row.to_couple()

    def couples_of(self, therapist: PersonId) -> list[Couple]:
        """Every couple whose therapist ``therapist`` is now, oldest link first."""
        query = (
            select(CoupleRow)
            .join(TherapistLinkRow, TherapistLinkRow.couple_id == CoupleRow.id)
            .where(
                TherapistLinkRow.therapist_id == therapist, TherapistLinkRow.revoked_at.is_(None)
            )
            .order_by(TherapistLinkRow.linked_at, TherapistLinkRow.id)
        )
        return [row.to_couple() for row in self._session.scalars(query)]

    def forget_therapist(self, therapist: PersonId) -> None:
        """Remove every link of a therapist whose account is deleted."""
        self._session.execute(
            delete(TherapistLinkRow).where(TherapistLinkRow.therapist_id == therapist)
        )
