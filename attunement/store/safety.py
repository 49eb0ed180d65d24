"""Safety screens and safety flags (domain.md §3.5, §4.2-4.6).

A screen's answers are sealed with the person's own data key and read back only for that
person. A flag is what pauses joint work for a couple and what alerts their therapist; nothing
here is reachable through the partner, and no read says who raised a flag.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from attunement.domain.ids import CoupleId, PersonId
from attunement.domain.safety import FlagSource, ScreenAnswers, ScreenLevel
from attunement.store.base import Base, UtcDateTime, new_id
from attunement.store.crypto import Sealer

SCREENS = "safety_screens"


class SafetyScreenRow(Base):
    __tablename__ = SCREENS

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    answers: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(16))
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SafetyFlagRow(Base):
    __tablename__ = "safety_flags"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    couple_id: Mapped[str | None] = mapped_column(String(32), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(16))
    kinds: Mapped[str] = mapped_column(String(200))
    raised_at: Mapped[datetime] = mapped_column(UtcDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)


@dataclass(frozen=True, slots=True)
class StoredScreen:
    id: str
    answers: ScreenAnswers
    level: ScreenLevel
    taken_at: datetime


@dataclass(frozen=True, slots=True)
class NewFlag:
    couple: CoupleId | None
    person: PersonId
    source: FlagSource
    level: ScreenLevel
    kinds: tuple[str, ...]
    raised_at: datetime


class SafetyRepository:
    """Screens of one person (never another's) and the flags that pause a couple."""

    def __init__(self, session: Session, sealer: Sealer) -> None:
        self._session = session
        self._sealer = sealer

    def add_screen(
        self, person: PersonId, answers: ScreenAnswers, level: ScreenLevel, now: datetime
    ) -> str:
        row_id = new_id()
        sealed = self._sealer.seal(person, (SCREENS, row_id), json.dumps(answers.to_json()))
        self._session.add(
            SafetyScreenRow(id=row_id, person_id=person, answers=sealed, level=level, taken_at=now)
        )
        self._session.flush()
        return row_id

    def screens_of(self, person: PersonId) -> list[StoredScreen]:
        """``person``'s own screens, newest first; there is no read by anyone else's id."""
        query = (
            select(SafetyScreenRow)
            .where(SafetyScreenRow.person_id == person)
            .order_by(SafetyScreenRow.taken_at.desc(), SafetyScreenRow.id)
        )
        return [
            StoredScreen(
                id=row.id,
                answers=ScreenAnswers.from_json(
                    json.loads(self._sealer.open(person, (SCREENS, row.id), row.answers))
                ),
                level=ScreenLevel(row.level),
                taken_at=row.taken_at,
            )
            for row in self._session.scalars(query)
        ]

    def has_screened(self, person: PersonId) -> bool:
        query = select(SafetyScreenRow.id).where(SafetyScreenRow.person_id == person).limit(1)
        return self._session.scalar(query) is not None

    def raise_flag(self, new: NewFlag) -> None:
        self._session.add(
            SafetyFlagRow(
                id=new_id(),
                couple_id=new.couple,
                person_id=new.person,
                source=new.source.value,
                level=new.level.value,
                kinds=",".join(new.kinds),
                raised_at=new.raised_at,
            )
        )
        self._session.flush()

    def couple_paused(self, couple: CoupleId) -> bool:
        """True while any flag of ``couple`` is open; it never says whose."""
        query = select(SafetyFlagRow.id).where(
            SafetyFlagRow.couple_id == couple, SafetyFlagRow.resolved_at.is_(None)
        )
        return self._session.scalar(query.limit(1)) is not None

    def open_flags(self, couple: CoupleId) -> list[NewFlag]:
        """Open flags of ``couple``, for its therapist's alert list only."""
        query = select(SafetyFlagRow).where(
            SafetyFlagRow.couple_id == couple, SafetyFlagRow.resolved_at.is_(None)
        )
        return [
            NewFlag(
                couple=couple,
                person=PersonId(row.person_id),
                source=FlagSource(row.source),
                level=ScreenLevel(row.level),
                kinds=tuple(k for k in row.kinds.split(",") if k),
                raised_at=row.raised_at,
            )
            for row in self._session.scalars(query.order_by(SafetyFlagRow.raised_at))
        ]

    def resolve_all(self, couple: CoupleId, now: datetime) -> None:
        """Reopen joint work (a therapist's act, issue 5)."""
        self._session.execute(
            update(SafetyFlagRow)
            .where(SafetyFlagRow.couple_id == couple, SafetyFlagRow.resolved_at.is_(None))
            .values(resolved_at=now)
        )
