"""Imago runs and their turns: Parent-Child, Behavior Change Request, Appreciation (issue 4).

A run keeps its machine's whole state as JSON beside the columns the queries need (kind, step,
version), so the three machines share one table and a new field needs no migration. Every read
names the viewer and joins the couple, so another couple's run reads exactly like a missing one;
a turn withheld for safety is read only by its speaker (domain.md §4.6). A turn's words are sealed
with its speaker's key; the run's state (which repeats the partners' words) is sealed once for
each partner, with their own key, and each reads their own copy (issue 6).
"""

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ColumnElement,
    ForeignKey,
    Integer,
    Select,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from attunement.domain.errors import StaleView
from attunement.domain.ids import CoupleId, PersonId
from attunement.domain.imago_runs import ImagoKind, ImagoRun, RunId, kind_of
from attunement.domain.sessions import DialogueMode
from attunement.store.base import Base, UtcDateTime, new_id, rows_changed
from attunement.store.couples import CoupleRow
from attunement.store.crypto import Sealer
from attunement.store.states import state_from_json, to_json

TURNS = "imago_turns"
RUNS = "imago_runs"


class ImagoRunRow(Base):
    __tablename__ = "imago_runs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    couple_id: Mapped[str] = mapped_column(ForeignKey("couples.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    mode: Mapped[str] = mapped_column(String(16))
    step: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[dict[str, object]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ImagoTurnRow(Base):
    __tablename__ = "imago_turns"
    __table_args__ = (UniqueConstraint("run_id", "index"), UniqueConstraint("run_id", "move_key"))

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("imago_runs.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column(Integer)
    speaker_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    step: Mapped[str] = mapped_column(String(32))
    move: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    withheld: Mapped[bool] = mapped_column(Boolean)
    move_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


@dataclass(frozen=True, slots=True)
class StoredRun:
    id: RunId
    couple: CoupleId
    kind: ImagoKind
    mode: DialogueMode
    state: ImagoRun
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class RunTurn:
    """One move of a run as stored; ``text`` is empty for a move without words."""

    index: int
    speaker: PersonId
    step: str
    move: str
    text: str
    withheld: bool
    move_key: str | None
    created_at: datetime


def _member(viewer: PersonId) -> ColumnElement[bool]:
    return or_(CoupleRow.partner_a == viewer, CoupleRow.partner_b == viewer)


class ImagoRunRepository:
    """Runs and turns of the viewer's couple; there is no unscoped read."""

    def __init__(self, session: Session, sealer: Sealer) -> None:
        self._session = session
        self._sealer = sealer  # turns' words are sealed with the speaker's key (issue 6)

    def add(self, couple: CoupleId, state: ImagoRun, *, mode: DialogueMode, now: datetime) -> RunId:
        row_id = new_id()
        row = ImagoRunRow(
            id=row_id,
            couple_id=couple,
            kind=kind_of(state).value,
            mode=mode.value,
            step=state.step.value,
            version=state.version,
            state=self._seal(row_id, state),
            created_at=now,
            updated_at=now,
        )
        self._session.add(row)
        self._session.flush()
        return RunId(row.id)

    def get(self, run: RunId, *, viewer: PersonId) -> StoredRun | None:
        """The run, or None when it is missing or ``viewer`` is not in its couple."""
        query = (
            select(ImagoRunRow)
            .join(CoupleRow, CoupleRow.id == ImagoRunRow.couple_id)
            .where(ImagoRunRow.id == run, _member(viewer))
        )
        row = self._session.scalar(query)
        return None if row is None else self._stored(row, viewer)

    def of_viewer(self, viewer: PersonId) -> list[StoredRun]:
        """The runs of ``viewer``'s couple, most recently active first."""
        query = (
            select(ImagoRunRow)
            .join(CoupleRow, CoupleRow.id == ImagoRunRow.couple_id)
            .where(_member(viewer))
            .order_by(ImagoRunRow.updated_at.desc(), ImagoRunRow.id)
        )
        return [self._stored(row, viewer) for row in self._session.scalars(query)]

    def save(
        self,
        run: StoredRun,
        state: ImagoRun,
        *,
        now: datetime,
        members: tuple[PersonId, ...] | None = None,
    ) -> None:
        """Write ``state`` over ``run``; StaleView when another move got there first.

        ``members`` are those who get a copy (both partners unless told): an account's
        deletion writes the redacted state for the partner who stays only.
        """
        result = self._session.execute(
            update(ImagoRunRow)
            .where(ImagoRunRow.id == run.id, ImagoRunRow.version == run.state.version)
            .values(
                step=state.step.value,
                version=state.version,
                state=self._seal(run.id, state, members),
                updated_at=now,
            )
        )
        if rows_changed(result) != 1:
            raise StaleView("dialogue.stale")
        self._session.flush()

    def turns(self, run: RunId, *, viewer: PersonId) -> list[RunTurn]:
        """Every turn ``viewer`` may see, in order (moves without words included)."""
        query = self._visible(run, viewer).order_by(ImagoTurnRow.index)
        rows = list(self._session.scalars(query))
        self._sealer.load({row.speaker_id for row in rows})
        return [self._turn(row) for row in rows]

    def key_used(self, run: RunId, move_key: str) -> bool:
        """True when a move was already recorded under ``move_key`` (it is replayed)."""
        query = select(ImagoTurnRow.id).where(
            ImagoTurnRow.run_id == run, ImagoTurnRow.move_key == move_key
        )
        return self._session.scalar(query) is not None

    def add_turn(self, run: RunId, turn: RunTurn) -> None:
        """Record a move at the next index; StaleView when a concurrent move took its place."""
        latest = self._session.scalar(
            select(func.max(ImagoTurnRow.index)).where(ImagoTurnRow.run_id == run)
        )
        row_id = new_id()
        self._session.add(
            ImagoTurnRow(
                id=row_id,
                run_id=run,
                index=0 if latest is None else latest + 1,
                speaker_id=turn.speaker,
                step=turn.step,
                move=turn.move,
                text=self._sealer.seal(turn.speaker, (TURNS, row_id), turn.text),
                withheld=turn.withheld,
                move_key=turn.move_key,
                created_at=turn.created_at,
            )
        )
        try:
            self._session.flush()
        except IntegrityError:
            raise StaleView("dialogue.stale") from None

    def _turn(self, row: ImagoTurnRow) -> RunTurn:
        words = self._sealer.open_or_shredded(PersonId(row.speaker_id), (TURNS, row.id), row.text)
        return replace(_turn(row), text=words)

    def _seal(
        self, run: str, state: ImagoRun, members: tuple[PersonId, ...] | None = None
    ) -> dict[str, object]:
        """The state sealed once for each partner (a departed one gets no copy)."""
        owners = (state.sender, state.receiver) if members is None else members
        return self._sealer.seal_for(owners, (RUNS, run), to_json(state))

    def _stored(self, row: ImagoRunRow, viewer: PersonId) -> StoredRun:
        kind = ImagoKind(row.kind)
        opened = self._sealer.open_for(viewer, (RUNS, row.id), row.state)
        return StoredRun(
            id=RunId(row.id),
            couple=CoupleId(row.couple_id),
            kind=kind,
            mode=DialogueMode(row.mode),
            state=state_from_json(kind, opened),
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    def _visible(self, run: RunId, viewer: PersonId) -> Select[ImagoTurnRow]:
        return (
            select(ImagoTurnRow)
            .join(ImagoRunRow, ImagoRunRow.id == ImagoTurnRow.run_id)
            .join(CoupleRow, CoupleRow.id == ImagoRunRow.couple_id)
            .where(
                ImagoTurnRow.run_id == run,
                _member(viewer),
                or_(ImagoTurnRow.withheld == false(), ImagoTurnRow.speaker_id == viewer),
            )
        )


def _turn(row: ImagoTurnRow) -> RunTurn:
    return RunTurn(
        index=row.index,
        speaker=PersonId(row.speaker_id),
        step=row.step,
        move=row.move,
        text=row.text,
        withheld=row.withheld,
        move_key=row.move_key,
        created_at=row.created_at,
    )
