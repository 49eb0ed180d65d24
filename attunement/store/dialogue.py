"""Dialogues and their turns (domain.md §3.2).

Every read names the viewer and joins the couple, so a dialogue of another couple reads exactly
like a missing one. A turn is kept for every move, words or not, so the history is complete and
a repeated request is recognised by its ``move_key``; reads return only turns with words, never
another person's withheld turn, nor the safety reading of another's words (§4.6). A turn's words
and its analysis, and the dialogue's topic, are sealed with their speaker's key (issue 6).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

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
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from attunement.domain.errors import StaleView
from attunement.domain.exercises.couples_dialogue import CouplesDialogue, Move, Role, Step
from attunement.domain.forgetting import SHREDDED
from attunement.domain.ids import CoupleId, DialogueId, PersonId, TurnId
from attunement.domain.sessions import DialogueMode, Turn, as_the_partner_sees_it
from attunement.store.analysis import analysis_from_json
from attunement.store.base import Base, UtcDateTime, new_id, rows_changed
from attunement.store.couples import CoupleRow
from attunement.store.crypto import KeyDestroyed, Sealer

TURNS = "turns"
ANALYSIS = "turns.analysis"
TOPIC = "dialogues.topic"
__all__ = ["SHREDDED", "DialogueRepository", "DialogueRow", "NewTurn", "StoredDialogue", "TurnRow"]


class DialogueRow(Base):
    __tablename__ = "dialogues"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    couple_id: Mapped[str] = mapped_column(ForeignKey("couples.id"), index=True)
    mode: Mapped[str] = mapped_column(String(16))
    sender_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    receiver_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    step: Mapped[str] = mapped_column(String(32))
    round: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    mirror_corrections: Mapped[int] = mapped_column(Integer)
    more_loops: Mapped[int] = mapped_column(Integer)
    resumes_at: Mapped[str | None] = mapped_column(String(32))
    topic: Mapped[str | None] = mapped_column(Text)  # sealed with ``topic_by``'s key
    topic_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


#: A dialogue is read as plain columns, not an ORM object: a screen reads it on every move.
DIALOGUE_COLUMNS = tuple(DialogueRow.__table__.columns)


class TurnRow(Base):
    __tablename__ = "turns"
    __table_args__ = (
        UniqueConstraint("dialogue_id", "index"),
        UniqueConstraint("dialogue_id", "move_key"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    dialogue_id: Mapped[str] = mapped_column(ForeignKey("dialogues.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column(Integer)
    round: Mapped[int] = mapped_column(Integer)
    speaker_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    role: Mapped[str] = mapped_column(String(16))
    step: Mapped[str] = mapped_column(String(32))
    move: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    analysis: Mapped[dict[str, object] | None] = mapped_column(JSON)
    withheld: Mapped[bool] = mapped_column(Boolean)
    move_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


@dataclass(frozen=True, slots=True)
class StoredDialogue:
    id: DialogueId
    couple: CoupleId
    mode: DialogueMode
    state: CouplesDialogue
    topic: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class NewTurn:
    """A move to record; ``analysis`` is the contract's JSON of ``TurnAnalysis``."""

    dialogue: DialogueId
    index: int
    round: int
    speaker: PersonId
    role: Role
    step: Step
    move: Move
    text: str
    analysis: dict[str, object] | None
    withheld: bool
    move_key: str | None
    created_at: datetime


def _member(viewer: PersonId) -> ColumnElement[bool]:
    return or_(CoupleRow.partner_a == viewer, CoupleRow.partner_b == viewer)


class DialogueRepository:
    """Dialogues and turns of the viewer's couple; there is no unscoped read."""

    def __init__(self, session: Session, sealer: Sealer) -> None:
        self._session = session
        self._sealer = sealer

    def add(
        self, couple: CoupleId, state: CouplesDialogue, *, mode: DialogueMode, now: datetime
    ) -> DialogueId:
        row = DialogueRow(
            id=new_id(),
            couple_id=couple,
            mode=mode.value,
            topic=None,
            created_at=now,
            updated_at=now,
        )
        _write_state(row, state)
        self._session.add(row)
        self._session.flush()
        return DialogueId(row.id)

    def get(self, dialogue: DialogueId, *, viewer: PersonId) -> StoredDialogue | None:
        """The dialogue, or None when it is missing or ``viewer`` is not in its couple."""
        query = (
            select(*DIALOGUE_COLUMNS)
            .join(CoupleRow, CoupleRow.id == DialogueRow.couple_id)
            .where(DialogueRow.id == dialogue, _member(viewer))
        )
        row = self._session.execute(query).first()
        if row is None:
            return None
        # Both partners' keys at once: the topic and the turns then cost no further query.
        self._sealer.load({row.sender_id, row.receiver_id, row.topic_by or row.sender_id})
        return self._stored(row)

    def version(self, dialogue: DialogueId, *, viewer: PersonId) -> int | None:
        """How far the dialogue has moved; None when it is missing or not ``viewer``'s couple's.

        One small read with no keys and no text, for a live screen asking where things are.
        """
        query = (
            select(DialogueRow.version)
            .join(CoupleRow, CoupleRow.id == DialogueRow.couple_id)
            .where(DialogueRow.id == dialogue, _member(viewer))
        )
        version: int | None = self._session.scalar(query)
        return version

    def of_viewer(self, viewer: PersonId) -> list[StoredDialogue]:
        """The dialogues of ``viewer``'s couple, most recently active first."""
        query = (
            select(*DIALOGUE_COLUMNS)
            .join(CoupleRow, CoupleRow.id == DialogueRow.couple_id)
            .where(_member(viewer))
            .order_by(DialogueRow.updated_at.desc(), DialogueRow.id)
        )
        rows = self._session.execute(query).all()
        self._sealer.load({row.topic_by for row in rows if row.topic_by is not None})
        return [self._stored(row) for row in rows]

    def turns(self, dialogue: DialogueId, *, viewer: PersonId, from_round: int = 0) -> list[Turn]:
        """Turns with words that ``viewer`` may see, in order, from round ``from_round`` on."""
        query = (
            self._visible(dialogue, viewer)
            .where(TurnRow.text != "", TurnRow.round >= from_round)
            .order_by(TurnRow.index)
        )
        rows = self._session.execute(query).all()
        self._sealer.load({row.speaker_id for row in rows})
        return [self._turn(row, viewer) for row in rows]

    def turn_by_key(self, dialogue: DialogueId, move_key: str, *, viewer: PersonId) -> Turn | None:
        """The visible turn with words recorded under ``move_key``, if any."""
        query = self._visible(dialogue, viewer).where(TurnRow.move_key == move_key)
        row = self._session.execute(query).first()
        return None if row is None or not row.text else self._turn(row, viewer)

    def key_used(self, dialogue: DialogueId, move_key: str) -> bool:
        """True when a move was already recorded under ``move_key`` (it is replayed, not redone)."""
        query = select(TurnRow.id).where(
            TurnRow.dialogue_id == dialogue, TurnRow.move_key == move_key
        )
        return self._session.scalar(query) is not None

    def last_move(self, dialogue: DialogueId) -> Move | None:
        """The latest move made in ``dialogue``, with or without words (no text is read)."""
        query = (
            select(TurnRow.move)
            .where(TurnRow.dialogue_id == dialogue)
            .order_by(TurnRow.index.desc())
            .limit(1)
        )
        move = self._session.scalar(query)
        return None if move is None else Move(move)

    def next_index(self, dialogue: DialogueId) -> int:
        query = select(func.max(TurnRow.index)).where(TurnRow.dialogue_id == dialogue)
        latest = self._session.scalar(query)
        return 0 if latest is None else latest + 1

    def add_turn(self, new: NewTurn) -> TurnId:
        """Record a move; StaleView when a concurrent move took its place or key."""
        row_id = new_id()
        self._session.add(
            TurnRow(
                id=row_id,
                dialogue_id=new.dialogue,
                index=new.index,
                round=new.round,
                speaker_id=new.speaker,
                role=new.role.value,
                step=new.step.value,
                move=new.move.value,
                text=self._sealer.seal(new.speaker, (TURNS, row_id), new.text),
                analysis=None
                if new.analysis is None
                else self._sealer.seal_json(new.speaker, (ANALYSIS, row_id), new.analysis),
                withheld=new.withheld,
                move_key=new.move_key,
                created_at=new.created_at,
            )
        )
        try:
            self._session.flush()
        except IntegrityError:
            # The same index or move key was taken by a move that committed first.
            raise StaleView("dialogue.stale") from None
        return TurnId(row_id)

    def save(
        self,
        dialogue: StoredDialogue,
        state: CouplesDialogue,
        *,
        topic: str | None,
        by: PersonId,
        now: datetime,
    ) -> None:
        """Write ``state`` over ``dialogue``; StaleView when another move got there first.

        A new ``topic`` is sealed with the key of ``by``, who named it.
        """
        values = {**_state_values(state), "updated_at": now}
        if topic != dialogue.topic:
            values["topic"] = (
                None if topic is None else self._sealer.seal(by, (TOPIC, dialogue.id), topic)
            )
            values["topic_by"] = None if topic is None else by
        result = self._session.execute(
            update(DialogueRow)
            .where(DialogueRow.id == dialogue.id, DialogueRow.version == dialogue.state.version)
            .values(values)
        )
        if rows_changed(result) != 1:
            raise StaleView("dialogue.stale")
        self._session.flush()

    def _turn(self, row: Row[Any], viewer: PersonId) -> Turn:
        """The turn with its words and analysis opened (the speaker's key, bound to this row)."""
        speaker = PersonId(row.speaker_id)
        words = self._sealer.open_or_shredded(speaker, (TURNS, row.id), row.text)
        try:
            opened = (
                None
                if row.analysis is None
                else self._sealer.open_json(speaker, (ANALYSIS, row.id), row.analysis)
            )
        except KeyDestroyed:
            opened = None
        return _as_turn(row, viewer, words, opened)

    def _stored(self, row: Row[Any]) -> StoredDialogue:
        topic = None
        if row.topic is not None and row.topic_by is not None:
            topic = self._sealer.open_or_shredded(
                PersonId(row.topic_by), (TOPIC, row.id), row.topic
            )
        return StoredDialogue(
            id=DialogueId(row.id),
            couple=CoupleId(row.couple_id),
            mode=DialogueMode(row.mode),
            state=_state_of(row),
            topic=topic,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    def _visible(self, dialogue: DialogueId, viewer: PersonId) -> Select[Any]:
        """Rows of plain columns, not ORM objects: a screen reads them on every move (issue 7)."""
        return (
            select(*TurnRow.__table__.columns)
            .join(DialogueRow, DialogueRow.id == TurnRow.dialogue_id)
            .join(CoupleRow, CoupleRow.id == DialogueRow.couple_id)
            .where(
                TurnRow.dialogue_id == dialogue,
                _member(viewer),
                or_(TurnRow.withheld == false(), TurnRow.speaker_id == viewer),
            )
        )


def _as_turn(row: Row[Any], viewer: PersonId, words: str, opened: dict[str, object] | None) -> Turn:
    """The turn as ``viewer`` may see it: the safety reading is the speaker's alone.

    ``words`` and ``opened`` (the analysis JSON) are already opened by the caller.
    """
    analysis = None if opened is None else analysis_from_json(opened)
    if analysis is not None and row.speaker_id != viewer:
        analysis = as_the_partner_sees_it(analysis)
    return Turn(
        id=TurnId(row.id),
        index=row._mapping["index"],  # ``row.index`` is the tuple method
        round=row.round,
        speaker=PersonId(row.speaker_id),
        role=Role(row.role),
        step=Step(row.step),
        move=Move(row.move),
        text=words,
        analysis=analysis,
        withheld=row.withheld,
        created_at=row.created_at,
    )


def _state_of(row: Row[Any]) -> CouplesDialogue:
    return CouplesDialogue(
        sender=PersonId(row.sender_id),
        receiver=PersonId(row.receiver_id),
        step=Step(row.step),
        round=row.round,
        version=row.version,
        mirror_corrections=row.mirror_corrections,
        more_loops=row.more_loops,
        resumes_at=None if row.resumes_at is None else Step(row.resumes_at),
    )


def _state_values(state: CouplesDialogue) -> dict[str, object]:
    return {
        "sender_id": state.sender,
        "receiver_id": state.receiver,
        "step": state.step.value,
        "round": state.round,
        "version": state.version,
        "mirror_corrections": state.mirror_corrections,
        "more_loops": state.more_loops,
        "resumes_at": None if state.resumes_at is None else state.resumes_at.value,
    }


def _write_state(row: DialogueRow, state: CouplesDialogue) -> None:
    for name, value in _state_values(state).items():
        setattr(row, name, value)
