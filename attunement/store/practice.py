"""Homework, session notes and the therapist's self-checks (issue 5; domain.md §6.4).

Homework belongs to a couple: its partners and its therapist now may read it (``may_see_couple``
in SQL). Notes and self-checks belong to their author alone: every read filters on the author,
so not even the couple they are about can reach them (security-reference.md: psychotherapy notes
are kept apart from the rest of the record). All of their words are sealed with the writer's key
(issue 6): notes and self-checks with their author's, a homework note with the assigning
therapist's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, delete, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from attunement.domain.ids import CoupleId, PersonId
from attunement.domain.therapist import Homework, HomeworkKind, SelfCheck
from attunement.store.base import Base, UtcDateTime, new_id, rows_changed
from attunement.store.crypto import Sealer
from attunement.store.therapists import may_see_couple

HOMEWORK_NOTE = "homework.note"
NOTE = "session_notes.text"
STIRRED, FELT, BACK = (
    "self_checks.parts_stirred",
    "self_checks.felt_with",
    "self_checks.back_to_self",
)


class HomeworkRow(Base):
    __tablename__ = "homework"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    couple_id: Mapped[str] = mapped_column(ForeignKey("couples.id", ondelete="CASCADE"), index=True)
    assigned_by: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(40))
    due: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text)
    assigned_at: Mapped[datetime] = mapped_column(UtcDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)


class SessionNoteRow(Base):
    __tablename__ = "session_notes"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    author_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    couple_id: Mapped[str] = mapped_column(ForeignKey("couples.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SelfCheckRow(Base):
    __tablename__ = "self_checks"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    author_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    couple_id: Mapped[str] = mapped_column(ForeignKey("couples.id", ondelete="CASCADE"))
    parts_stirred: Mapped[str] = mapped_column(Text)
    felt_with: Mapped[str] = mapped_column(Text)
    back_to_self: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(UtcDateTime())


@dataclass(frozen=True, slots=True)
class StoredHomework:
    id: str
    homework: Homework


@dataclass(frozen=True, slots=True)
class Written:
    """A note or self-check with when it was written."""

    at: datetime
    note: str | None = None
    check: SelfCheck | None = None


class PracticeRepository:
    """Homework (read by the couple and its therapist) and the therapist's own writing."""

    def __init__(self, session: Session, sealer: Sealer) -> None:
        self._session = session
        self._sealer = sealer

    def add_homework(self, couple: CoupleId, homework: Homework) -> str:
        row_id = new_id()
        row = HomeworkRow(
            id=row_id,
            couple_id=couple,
            assigned_by=homework.assigned_by,
            kind=homework.kind.value,
            due=homework.due,
            note=self._sealer.seal(homework.assigned_by, (HOMEWORK_NOTE, row_id), homework.note),
            assigned_at=homework.assigned_at,
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def homework(self, couple: CoupleId, *, viewer: PersonId) -> list[StoredHomework]:
        """The couple's homework, soonest due first; [] unless ``viewer`` may see the couple."""
        query = (
            select(HomeworkRow)
            .where(HomeworkRow.couple_id == couple, may_see_couple(HomeworkRow.couple_id, viewer))
            .order_by(HomeworkRow.due, HomeworkRow.id)
        )
        return [self._homework(row) for row in self._session.scalars(query)]

    def mark_done(self, homework: str, couple: CoupleId, *, now: datetime) -> bool:
        """Mark one of ``couple``'s homework done; False when it is not theirs or already done."""
        result = self._session.execute(
            update(HomeworkRow)
            .where(
                HomeworkRow.id == homework,
                HomeworkRow.couple_id == couple,
                HomeworkRow.done_at.is_(None),
            )
            .values(done_at=now)
        )
        return rows_changed(result) == 1

    def add_note(self, couple: CoupleId, text: str, *, author: PersonId, now: datetime) -> None:
        row_id = new_id()
        sealed = self._sealer.seal(author, (NOTE, row_id), text)
        self._session.add(
            SessionNoteRow(
                id=row_id, author_id=author, couple_id=couple, text=sealed, written_at=now
            )
        )
        self._session.flush()

    def add_self_check(
        self, couple: CoupleId, check: SelfCheck, *, author: PersonId, now: datetime
    ) -> None:
        row_id = new_id()
        self._session.add(
            SelfCheckRow(
                id=row_id,
                author_id=author,
                couple_id=couple,
                parts_stirred=self._sealer.seal(author, (STIRRED, row_id), check.parts_stirred),
                felt_with=self._sealer.seal(author, (FELT, row_id), check.felt_with),
                back_to_self=self._sealer.seal(author, (BACK, row_id), check.back_to_self),
                written_at=now,
            )
        )
        self._session.flush()

    def writing(self, couple: CoupleId, *, author: PersonId) -> list[Written]:
        """``author``'s own notes and self-checks about ``couple``, newest first."""
        found = [written for _, written in self._writing(author, couple)]
        return sorted(found, key=lambda written: written.at, reverse=True)

    def all_writing(self, author: PersonId) -> list[tuple[str, Written]]:
        """Everything ``author`` wrote, with the couple it was about (for their own export)."""
        return sorted(self._writing(author, None), key=lambda pair: pair[1].at)

    def _writing(self, author: PersonId, couple: CoupleId | None) -> list[tuple[str, Written]]:
        notes = select(SessionNoteRow).where(SessionNoteRow.author_id == author)
        checks = select(SelfCheckRow).where(SelfCheckRow.author_id == author)
        if couple is not None:
            notes = notes.where(SessionNoteRow.couple_id == couple)
            checks = checks.where(SelfCheckRow.couple_id == couple)
        found = [
            (
                row.couple_id,
                Written(at=row.written_at, note=self._open(author, NOTE, row.id, row.text)),
            )
            for row in self._session.scalars(notes)
        ]
        found += [
            (
                row.couple_id,
                Written(
                    at=row.written_at,
                    check=SelfCheck(
                        self._open(author, STIRRED, row.id, row.parts_stirred),
                        self._open(author, FELT, row.id, row.felt_with),
                        self._open(author, BACK, row.id, row.back_to_self),
                    ),
                ),
            )
            for row in self._session.scalars(checks)
        ]
        return found

    def _open(self, author: PersonId, column: str, row_id: str, token: str) -> str:
        return self._sealer.open_or_shredded(author, (column, row_id), token)

    def _homework(self, row: HomeworkRow) -> StoredHomework:
        by = PersonId(row.assigned_by or "")
        return StoredHomework(
            id=row.id,
            homework=Homework(
                kind=HomeworkKind(row.kind),
                due=row.due,
                note=self._open(by, HOMEWORK_NOTE, row.id, row.note) if by else "",
                assigned_by=by,
                assigned_at=row.assigned_at,
                done_at=row.done_at,
            ),
        )

    def forget_author(self, author: PersonId) -> None:
        """Remove everything ``author`` wrote (account deletion)."""
        self._session.execute(delete(SessionNoteRow).where(SessionNoteRow.author_id == author))
        self._session.execute(delete(SelfCheckRow).where(SelfCheckRow.author_id == author))
