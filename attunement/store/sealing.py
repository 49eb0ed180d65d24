"""Seal the free text that rows written before issue 6 still hold in plaintext.

A migration cannot do this: the key file lives outside the database and Alembic never sees it.
So ``attunement db upgrade`` (and the embedded database's start) runs Alembic first and then this
pass, which looks at every column of words, seals each value still in plaintext exactly as the
repositories would have sealed it, and leaves sealed values alone, so running it again changes
nothing. ``COLUMNS`` is the one list of what is sealed; docs/security.md repeats it.

Accounts deleted before sealing existed kept their words in plaintext: the pass seals those with a
fresh key and then destroys it, so they end up as unreadable as any newer departed person's.
"""

import base64
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from attunement.domain.ids import PersonId
from attunement.store import commitments, dialogue, imago, inner_runs, parts, practice
from attunement.store.base import Base
from attunement.store.couples import CoupleRow
from attunement.store.crypto import PREFIX, SEALED, KeyDestroyed, KeyRing, Sealer
from attunement.store.engine import make_engine, make_session_factory
from attunement.store.erasure import UNUSABLE_PASSWORD_HASH
from attunement.store.migrate import upgrade
from attunement.store.people import PersonRow
from attunement.store.safety import SCREENS, SafetyScreenRow
from attunement.store.workups import WORKUPS, WorkupRow

Owners = Callable[[Any, Session], tuple[str | None, ...]]


class Shape(Enum):
    TEXT = "text"  # a text column: the token itself
    JSON = "json"  # a JSON column: {"sealed": token}
    SHARED = "shared"  # a JSON column: {"sealed": {owner: token}}, one copy per member
    SHARED_TEXT = "shared text"  # the same as JSON text in a text column


@dataclass(frozen=True)
class Column:
    """One column of words: where its rows are, whose key seals it, and in which shape."""

    row: type[Base]
    name: str
    aad: str  # the table part of the associated data the repository uses
    owners: Owners
    shape: Shape = Shape.TEXT
    row_key: str = "id"  # the attribute whose value is the row part of the associated data


def _attr(name: str) -> Owners:
    return lambda row, _session: (getattr(row, name),)


def _imago_members(row: Any, _session: Session) -> tuple[str | None, ...]:
    state = row.state
    return (state.get("sender"), state.get("receiver"))


def _couple_partners(row: Any, session: Session) -> tuple[str | None, ...]:
    couple = session.get(CoupleRow, row.couple_id)
    return () if couple is None else (couple.partner_a, couple.partner_b)


def _members(row: Any, _session: Session) -> tuple[str | None, ...]:
    return (row.person_a, row.person_b)


def _topic_owner(row: Any, _session: Session) -> tuple[str | None, ...]:
    """The request that named a topic was its round's sender's (older rows did not say)."""
    return (row.topic_by or row.sender_id,)


_PART_WORDS = tuple(
    Column(parts.PartRow, name, f"{parts.PARTS}.{name}", _attr("owner_id")) for name in parts.WORDS
)
_PART_LISTS = tuple(
    Column(parts.PartRow, name, f"{parts.PARTS}.{name}", _attr("owner_id"), Shape.JSON)
    for name in parts.LISTS
)

COLUMNS: tuple[Column, ...] = (
    Column(dialogue.TurnRow, "text", dialogue.TURNS, _attr("speaker_id")),
    Column(dialogue.TurnRow, "analysis", dialogue.ANALYSIS, _attr("speaker_id"), Shape.JSON),
    Column(dialogue.DialogueRow, "topic", dialogue.TOPIC, _topic_owner),
    Column(imago.ImagoTurnRow, "text", imago.TURNS, _attr("speaker_id")),
    Column(imago.ImagoRunRow, "state", imago.RUNS, _imago_members, Shape.SHARED),
    Column(WorkupRow, "state", WORKUPS, _attr("owner_id"), Shape.JSON, row_key="owner_id"),
    Column(SafetyScreenRow, "answers", SCREENS, _attr("person_id")),
    Column(commitments.CommitmentRow, "request", commitments.REQUEST, _attr("requester_id")),
    Column(commitments.CommitmentRow, "restatement", commitments.RESTATEMENT, _attr("giver_id")),
    Column(commitments.FollowUpRow, "note", commitments.NOTE, _attr("by_id")),
    Column(
        commitments.TimeOutPlanRow,
        "code_word",
        commitments.CODE_WORD,
        _couple_partners,
        Shape.SHARED_TEXT,
        row_key="couple_id",
    ),
    *_PART_WORDS,
    *_PART_LISTS,
    Column(inner_runs.RunRow, "state", inner_runs.RUNS, _members, Shape.SHARED),
    Column(practice.HomeworkRow, "note", practice.HOMEWORK_NOTE, _attr("assigned_by")),
    Column(practice.SessionNoteRow, "text", practice.NOTE, _attr("author_id")),
    Column(practice.SelfCheckRow, "parts_stirred", practice.STIRRED, _attr("author_id")),
    Column(practice.SelfCheckRow, "felt_with", practice.FELT, _attr("author_id")),
    Column(practice.SelfCheckRow, "back_to_self", practice.BACK, _attr("author_id")),
)


def is_sealed(shape: Shape, value: object) -> bool:
    """Whether ``value`` is already sealed (or holds no words at all)."""
    if value is None or value == "":
        return True
    if shape is Shape.TEXT:
        return isinstance(value, str) and value.startswith(PREFIX)
    if shape is Shape.SHARED_TEXT:
        try:
            value = json.loads(str(value))
        except ValueError:
            return False
    return isinstance(value, dict) and set(value) == {SEALED}


def seal_plaintext(session_factory: sessionmaker[Session], ring: KeyRing | None) -> dict[str, int]:
    """Seal every value still in plaintext; how many were sealed, by ``table.column``.

    Idempotent: a second run finds nothing to do and returns zeros. Without a ``ring`` it only
    counts, so an upgrade with nothing to seal never needs (or makes) a key file.
    """
    counts: dict[str, int] = {}
    with session_factory() as session:
        if ring is None:
            return {_name(c): _seal_column(session, None, c) for c in COLUMNS}
        sealer = Sealer(session, ring)
        departed = list(
            session.scalars(
                select(PersonRow.id).where(PersonRow.password_hash == UNUSABLE_PASSWORD_HASH)
            )
        )
        for column in COLUMNS:
            counts[_name(column)] = _seal_column(session, sealer, column)
        for person in departed:
            sealer.destroy(PersonId(person))  # words sealed just now become unreadable too
        session.commit()
    return counts


def _name(column: Column) -> str:
    return f"{column.row.__tablename__}.{column.name}"


def _seal_column(session: Session, sealer: Sealer | None, column: Column) -> int:
    """Seal ``column``'s plaintext values (only count them without a ``sealer``)."""
    count = 0
    for row in session.scalars(select(column.row)):
        value = getattr(row, column.name)
        if is_sealed(column.shape, value):
            continue
        count += 1
        if sealer is None:
            continue
        where = (column.aad, str(getattr(row, column.row_key)))
        owners = [PersonId(o) for o in column.owners(row, session) if o]
        setattr(row, column.name, _sealed(sealer, column.shape, owners, where, value))
        if isinstance(row, dialogue.DialogueRow):
            row.topic_by = owners[0] if owners else None
    session.flush()
    return count


def _sealed(
    sealer: Sealer, shape: Shape, owners: list[PersonId], where: tuple[str, str], value: Any
) -> object:
    if shape is Shape.SHARED:
        return sealer.seal_for(owners, where, value)
    if shape is Shape.SHARED_TEXT:
        return json.dumps(sealer.seal_for(owners, where, value))
    if not owners:  # no author on record (a homework note whose therapist row is gone)
        return "" if shape is Shape.TEXT else None
    try:
        if shape is Shape.JSON:
            return sealer.seal_json(owners[0], where, value)
        return sealer.seal(owners[0], where, value)
    except KeyDestroyed:  # the owner left after sealing began: nobody may read it again
        token = PREFIX + base64.b64encode(secrets.token_bytes(44)).decode()
        return {SEALED: token} if shape is Shape.JSON else token


def upgrade_and_seal(url: str, key_file: Path) -> dict[str, int]:
    """Migrate the database at ``url`` to the newest schema, then seal what is still plaintext.

    On SQLite, a pass that sealed anything also vacuums the file and empties the write-ahead
    log, so the plaintext it replaced does not linger in free pages.
    """
    upgrade(url)
    engine = make_engine(url)
    try:
        factory = make_session_factory(engine)
        sealed = seal_plaintext(factory, None)
        if not any(sealed.values()):
            return sealed
        sealed = seal_plaintext(factory, KeyRing.from_file(key_file))
        if engine.dialect.name == "sqlite":
            _vacuum(engine)
        return sealed
    finally:
        engine.dispose()


def _vacuum(engine: Engine) -> None:
    """VACUUM outside any transaction (the DB-API connection is in autocommit mode)."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()
