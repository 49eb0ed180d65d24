"""Commitments from a Behavior Change Request, their check-ins, and time-out plans (§3.3, §3.5).

Both partners read a commitment and its check-ins (they are visible to both by design, §2.3);
nobody outside the couple does: reads name the viewer and join the couple, so another couple's
commitment reads exactly like a missing one. A couple has at most one time-out plan.

The words are sealed (issue 6): the request with the requester's key, the restatement with the
giver's, a check-in's note with its writer's; the time-out code word, which both chose, once for
each partner. Either may have typed it, so the plan goes when one of them deletes their account.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import (
    ColumnElement,
    Date,
    ForeignKey,
    Integer,
    Select,
    String,
    Text,
    UniqueConstraint,
    delete,
    or_,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from attunement.domain.commitments import CheckIn, Commitment, FollowUp
from attunement.domain.exercises.time_out import TimeOutPlan
from attunement.domain.ids import CoupleId, PersonId
from attunement.domain.imago_runs import CommitmentId, RunId
from attunement.store.base import Base, UtcDateTime, new_id
from attunement.store.couples import CoupleRow
from attunement.store.crypto import KeyDestroyed, Sealer

REQUEST = "commitments.request"
RESTATEMENT = "commitments.restatement"
NOTE = "follow_ups.note"
CODE_WORD = "time_out_plans.code_word"


class CommitmentRow(Base):
    __tablename__ = "commitments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    couple_id: Mapped[str] = mapped_column(ForeignKey("couples.id"), index=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("imago_runs.id"), unique=True)
    requester_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    giver_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    request: Mapped[str] = mapped_column(Text)
    restatement: Mapped[str] = mapped_column(Text)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class FollowUpRow(Base):
    __tablename__ = "follow_ups"
    __table_args__ = (UniqueConstraint("commitment_id", "day", "by_id"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    commitment_id: Mapped[str] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    by_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class TimeOutPlanRow(Base):
    __tablename__ = "time_out_plans"

    couple_id: Mapped[str] = mapped_column(ForeignKey("couples.id"), primary_key=True)
    code_word: Mapped[str] = mapped_column(Text)
    min_minutes: Mapped[int] = mapped_column(Integer)
    max_hours: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


@dataclass(frozen=True, slots=True)
class StoredCommitment:
    id: CommitmentId
    run: RunId
    commitment: Commitment


def _member(viewer: PersonId) -> ColumnElement[bool]:
    return or_(CoupleRow.partner_a == viewer, CoupleRow.partner_b == viewer)


class CommitmentRepository:
    """Commitments of the viewer's couple, with their check-ins; no unscoped read."""

    def __init__(self, session: Session, sealer: Sealer) -> None:
        self._session = session
        self._sealer = sealer

    def add(
        self, couple: CoupleId, run: RunId, commitment: Commitment, *, now: datetime
    ) -> CommitmentId:
        row_id = new_id()
        row = CommitmentRow(
            id=row_id,
            couple_id=couple,
            run_id=run,
            requester_id=commitment.requester,
            giver_id=commitment.giver,
            request=self._sealer.seal(commitment.requester, (REQUEST, row_id), commitment.request),
            restatement=self._sealer.seal(
                commitment.giver, (RESTATEMENT, row_id), commitment.restatement
            ),
            starts_on=commitment.starts_on,
            ends_on=commitment.ends_on,
            created_at=now,
        )
        self._session.add(row)
        self._session.flush()
        return CommitmentId(row.id)

    def get(self, commitment: CommitmentId, *, viewer: PersonId) -> StoredCommitment | None:
        """The commitment, or None when missing or not of ``viewer``'s couple."""
        found = self._of(viewer).where(CommitmentRow.id == commitment)
        return next(iter(self._load(found)), None)

    def of_viewer(self, viewer: PersonId) -> list[StoredCommitment]:
        """Every commitment of ``viewer``'s couple, newest first."""
        return self._load(self._of(viewer).order_by(CommitmentRow.created_at.desc()))

    def add_follow_up(
        self, commitment: CommitmentId, follow_up: FollowUp, *, now: datetime
    ) -> None:
        row_id = new_id()
        self._session.add(
            FollowUpRow(
                id=row_id,
                commitment_id=commitment,
                day=follow_up.day,
                status=follow_up.status.value,
                by_id=follow_up.by,
                note=self._sealer.seal(follow_up.by, (NOTE, row_id), follow_up.note),
                created_at=now,
            )
        )
        self._session.flush()

    def _of(self, viewer: PersonId) -> Select[CommitmentRow]:
        return (
            select(CommitmentRow)
            .join(CoupleRow, CoupleRow.id == CommitmentRow.couple_id)
            .where(_member(viewer))
        )

    def _load(self, query: Select[CommitmentRow]) -> list[StoredCommitment]:
        rows = list(self._session.scalars(query))
        self._sealer.load({p for row in rows for p in (row.requester_id, row.giver_id)})
        ids = [row.id for row in rows]
        follow_ups: dict[str, list[FollowUp]] = {row_id: [] for row_id in ids}
        if ids:
            query_follow_ups = (
                select(FollowUpRow)
                .where(FollowUpRow.commitment_id.in_(ids))
                .order_by(FollowUpRow.day, FollowUpRow.created_at)
            )
            for f in self._session.scalars(query_follow_ups):
                by = PersonId(f.by_id)
                note = self._sealer.open_or_shredded(by, (NOTE, f.id), f.note)
                follow_ups[f.commitment_id].append(FollowUp(f.day, CheckIn(f.status), by, note))
        return [
            StoredCommitment(
                id=CommitmentId(row.id),
                run=RunId(row.run_id),
                commitment=Commitment(
                    requester=PersonId(row.requester_id),
                    giver=PersonId(row.giver_id),
                    request=self._sealer.open_or_shredded(
                        PersonId(row.requester_id), (REQUEST, row.id), row.request
                    ),
                    restatement=self._sealer.open_or_shredded(
                        PersonId(row.giver_id), (RESTATEMENT, row.id), row.restatement
                    ),
                    starts_on=row.starts_on,
                    ends_on=row.ends_on,
                    follow_ups=tuple(follow_ups[row.id]),
                ),
            )
            for row in rows
        ]


class TimeOutPlanRepository:
    """The couple's agreed time-out plan; the services read it for a member's couple only."""

    def __init__(self, session: Session, sealer: Sealer) -> None:
        self._session = session
        self._sealer = sealer

    def of_couple(self, couple: CoupleId) -> TimeOutPlan | None:
        row = self._session.get(TimeOutPlanRow, couple)
        if row is None:
            return None
        code_word = self._open_code_word(couple, row.code_word)
        return TimeOutPlan(code_word, min_minutes=row.min_minutes, max_hours=row.max_hours)

    def _open_code_word(self, couple: CoupleId, sealed: str) -> str:
        """The code word from the first partner's copy that still opens."""
        copies = json.loads(sealed)
        for owner in sorted(copies.get("sealed", {})):
            try:
                opened: str = self._sealer.open_for(PersonId(owner), (CODE_WORD, couple), copies)
            except KeyDestroyed:
                continue
            return opened
        return ""

    def remove(self, couple: CoupleId) -> None:
        """Forget the couple's plan: its code word may be the words of a partner who left."""
        self._session.execute(delete(TimeOutPlanRow).where(TimeOutPlanRow.couple_id == couple))

    def save(self, couple: CoupleId, plan: TimeOutPlan, *, now: datetime) -> None:
        found = self._session.get(CoupleRow, couple)
        partners = () if found is None else (found.partner_a, found.partner_b)
        owners = [PersonId(p) for p in partners if p is not None]
        sealed = self._sealer.seal_for(owners, (CODE_WORD, couple), plan.code_word.strip())
        row = self._session.get(TimeOutPlanRow, couple)
        if row is None:
            row = TimeOutPlanRow(couple_id=couple)
            self._session.add(row)
        row.code_word = json.dumps(sealed)
        row.min_minutes = plan.min_minutes
        row.max_hours = plan.max_hours
        row.updated_at = now
        self._session.flush()
