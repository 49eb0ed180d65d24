"""Stored check-ins and session ratings (domain.md §3.5 ``Administration``, §5.1).

Each partner answers alone, and an answer is private to its author unless they shared it: every
read names the viewer, and the SQL admits only the viewer's own rows, rows its author shared
with them as partner, or rows shared with the therapist of a couple that invited them and has
not revoked. Item answers never leave for anyone but the author: others get totals only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ColumnElement,
    Float,
    ForeignKey,
    String,
    and_,
    delete,
    exists,
    or_,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from attunement.domain.ids import CoupleId, PersonId
from attunement.domain.measures import Administration, Score
from attunement.store.base import Base, UtcDateTime, new_id
from attunement.store.couples import CoupleRow
from attunement.store.therapists import TherapistLinkRow, active_link


class AdministrationRow(Base):
    __tablename__ = "administrations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    instrument: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    answers: Mapped[dict[str, int]] = mapped_column(JSON)
    total: Mapped[float | None] = mapped_column(Float)
    subscales: Mapped[dict[str, float | None]] = mapped_column(JSON)
    shared_with_partner: Mapped[bool] = mapped_column(Boolean)
    shared_with_therapist: Mapped[bool] = mapped_column(Boolean)


@dataclass(frozen=True, slots=True)
class Sharing:
    """Who besides its author may see a check-in's totals; nobody, unless chosen."""

    with_partner: bool = False
    with_therapist: bool = False


@dataclass(frozen=True, slots=True)
class ScorePoint:
    """A total as someone other than its author may see it: no item answers."""

    person: PersonId
    instrument: str
    at: datetime
    total: float | None
    subscales: tuple[tuple[str, float | None], ...]


def _point(row: AdministrationRow) -> ScorePoint:
    return ScorePoint(
        person=PersonId(row.person_id),
        instrument=row.instrument,
        at=row.at,
        total=row.total,
        subscales=tuple(row.subscales.items()),
    )


class AdministrationRepository:
    """Check-ins and ratings; reads are scoped to what the viewer may see."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, given: Administration, sharing: Sharing) -> None:
        self._session.add(
            AdministrationRow(
                id=new_id(),
                person_id=given.person,
                instrument=given.instrument,
                at=given.at,
                answers=dict(given.answers),
                total=given.score.total,
                subscales=dict(given.score.subscales),
                shared_with_partner=sharing.with_partner,
                shared_with_therapist=sharing.with_therapist,
            )
        )
        self._session.flush()

    def own(self, person: PersonId, instrument: str | None = None) -> list[Administration]:
        """All of ``person``'s own administrations, answers included, oldest first."""
        query = select(AdministrationRow).where(AdministrationRow.person_id == person)
        if instrument is not None:
            query = query.where(AdministrationRow.instrument == instrument)
        rows = self._session.scalars(query.order_by(AdministrationRow.at, AdministrationRow.id))
        return [_administration(row) for row in rows]

    def own_with_sharing(self, person: PersonId) -> list[tuple[Administration, Sharing]]:
        """``person``'s own administrations with who they chose to share each with."""
        query = (
            select(AdministrationRow)
            .where(AdministrationRow.person_id == person)
            .order_by(AdministrationRow.at, AdministrationRow.id)
        )
        return [
            (_administration(row), Sharing(row.shared_with_partner, row.shared_with_therapist))
            for row in self._session.scalars(query)
        ]

    def visible(self, instrument: str, *, viewer: PersonId) -> list[ScorePoint]:
        """Totals ``viewer`` may see as a partner: their own, and their partner's shared ones."""
        partner_of_viewer = or_(
            and_(CoupleRow.partner_a == viewer, CoupleRow.partner_b == AdministrationRow.person_id),
            and_(CoupleRow.partner_b == viewer, CoupleRow.partner_a == AdministrationRow.person_id),
        )
        shared = AdministrationRow.shared_with_partner.is_(True) & exists(
            select(CoupleRow.id).where(partner_of_viewer)
        )
        return self._points(instrument, (AdministrationRow.person_id == viewer) | shared)

    def for_therapist(
        self, couple: CoupleId, instrument: str, *, therapist: PersonId
    ) -> list[ScorePoint]:
        """Totals the partners of ``couple`` shared with their therapist, if ``therapist`` is it.

        Empty unless ``couple`` invited ``therapist`` and nobody has revoked that since.
        """
        member = or_(
            CoupleRow.partner_a == AdministrationRow.person_id,
            CoupleRow.partner_b == AdministrationRow.person_id,
        )
        linked = exists(
            select(TherapistLinkRow.id)
            .join(CoupleRow, CoupleRow.id == TherapistLinkRow.couple_id)
            .where(active_link(couple, therapist), member)
        )
        return self._points(instrument, AdministrationRow.shared_with_therapist.is_(True) & linked)

    def _points(self, instrument: str, allowed: ColumnElement[bool]) -> list[ScorePoint]:
        query = (
            select(AdministrationRow)
            .where(AdministrationRow.instrument == instrument, allowed)
            .order_by(AdministrationRow.at, AdministrationRow.id)
        )
        return [_point(row) for row in self._session.scalars(query)]

    def remove_all(self, person: PersonId) -> None:
        """Forget every answer ``person`` gave (account deletion)."""
        self._session.execute(
            delete(AdministrationRow).where(AdministrationRow.person_id == person)
        )


def _administration(row: AdministrationRow) -> Administration:
    score = Score(
        total=row.total,
        subscales=tuple(row.subscales.items()),
        answered=len(row.answers),
    )
    return Administration(
        person=PersonId(row.person_id),
        instrument=row.instrument,
        at=row.at,
        answers=tuple(row.answers.items()),
        score=score,
    )
