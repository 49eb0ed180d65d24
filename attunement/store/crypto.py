"""Envelope encryption of free text (issue 6 item 4; security-reference.md §0.4, ASVS V11).

Each person has a random 256-bit data key; it is stored only *wrapped* (AES-GCM) under a
key-encryption key that lives in a file outside the database, so a copy of the database or of
a backup reads as noise. Every ciphertext is AES-256-GCM with a fresh 96-bit nonce and the
associated data ``table|row id|owner``: a ciphertext moved to another row or owner fails to
open instead of being shown to the wrong person. Deleting a person's data key makes everything
they wrote unreadable at once (crypto-shredding), backups included.
"""

import base64
import hashlib
import json
import os
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import LargeBinary, String, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from attunement.domain.forgetting import SHREDDED as SHREDDED  # kept here for its readers
from attunement.domain.ids import PersonId
from attunement.store.base import Base, UtcDateTime

KEY_BYTES = 32
NONCE_BYTES = 12
PREFIX = "v1:"
#: The one key of a JSON column that holds sealed JSON (``seal_json`` and ``seal_for``).
SEALED = "sealed"
#: A destroyed key stays as an empty row, so nothing is ever sealed again for its owner.
DESTROYED = "destroyed"


class DataKeyRow(Base):
    __tablename__ = "data_keys"

    person_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    kek_id: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class KeyDestroyed(Exception):
    """The owner's data key is gone (their account was deleted): the text is unreadable."""


def kek_id_of(key: bytes) -> str:
    """A short public name for a key-encryption key, stored beside each wrapped key."""
    return hashlib.sha256(b"attunement kek" + key).hexdigest()[:16]


@dataclass(frozen=True)
class KeyRing:
    """Key-encryption keys by id; ``current`` wraps new data keys, any known one unwraps."""

    keys: Mapping[str, bytes]
    current: str

    @classmethod
    def of(cls, *keys: bytes) -> "KeyRing":
        """A ring whose first key is the current one."""
        return cls({kek_id_of(key): key for key in keys}, kek_id_of(keys[0]))

    @classmethod
    def from_file(cls, path: Path) -> "KeyRing":
        """Load (or make, mode 0600) the key file; a pending ``.next`` key is also known."""
        current = read_or_make_key(path)
        pending = next_key_path(path)
        if pending.exists():
            return cls.of(pending.read_bytes(), current)
        return cls.of(current)

    def wrap(self, person: PersonId, data_key: bytes) -> tuple[bytes, str]:
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = AESGCM(self.keys[self.current]).encrypt(nonce, data_key, _dek_aad(person))
        return nonce + sealed, self.current

    def unwrap(self, person: PersonId, wrapped: bytes, kek_id: str) -> bytes:
        key = self.keys.get(kek_id)
        if key is None:
            raise KeyError(f"key-encryption key {kek_id} is not in the key file")
        return AESGCM(key).decrypt(wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:], _dek_aad(person))


def _dek_aad(person: PersonId) -> bytes:
    return f"data key|{person}".encode()


def next_key_path(path: Path) -> Path:
    """Where a rotation keeps the new key until every data key is wrapped under it."""
    return path.with_name(path.name + ".next")


def read_or_make_key(path: Path) -> bytes:
    """The key in ``path``; a fresh random one (written with mode 0600) if there is none."""
    if path.exists():
        key = path.read_bytes()
        if len(key) != KEY_BYTES:
            raise ValueError(f"{path} must hold exactly {KEY_BYTES} bytes")
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as key_file:
        key_file.write(key)
    return key


_PROCESS_RING: list[KeyRing] = []


def process_key_ring() -> KeyRing:
    """A key ring that lives as long as this process: for tests and throwaway databases only.

    The app and the CLI always pass the ring from the key file; this one is lost on exit.
    """
    if not _PROCESS_RING:
        _PROCESS_RING.append(KeyRing.of(secrets.token_bytes(KEY_BYTES)))
    return _PROCESS_RING[0]


class Sealer:
    """Seals and opens one unit of work's free text with its owners' data keys."""

    def __init__(self, session: Session, ring: KeyRing) -> None:
        self._session = session
        self._ring = ring
        self._cache: dict[str, bytes] = {}

    def seal(self, owner: PersonId, where: tuple[str, str], text: str) -> str:
        """``text`` encrypted for the row ``where`` = (table, row id) of ``owner``."""
        if not text:
            return ""
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = AESGCM(self._data_key(owner)).encrypt(nonce, text.encode(), _aad(owner, where))
        return PREFIX + base64.b64encode(nonce + sealed).decode()

    def open(self, owner: PersonId, where: tuple[str, str], token: str) -> str:
        """The text sealed in ``token``; KeyDestroyed once the owner's key is gone.

        Raises:
            InvalidTag: the ciphertext was altered or belongs to another row or owner.
        """
        if not token:
            return ""
        if not token.startswith(PREFIX):
            raise InvalidTag
        raw = base64.b64decode(token[len(PREFIX) :])
        key = self._data_key(owner, create=False)
        plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(owner, where))
        return plain.decode()

    def open_or_shredded(self, owner: PersonId, where: tuple[str, str], token: str) -> str:
        """The text, or ``SHREDDED`` once its owner's account is deleted."""
        try:
            return self.open(owner, where, token)
        except KeyDestroyed:
            return SHREDDED

    def seal_json(self, owner: PersonId, where: tuple[str, str], value: object) -> dict[str, Any]:
        """``value`` as JSON, sealed for ``owner``, ready for a JSON column."""
        return {SEALED: self.seal(owner, where, json.dumps(value))}

    def open_json(self, owner: PersonId, where: tuple[str, str], stored: object) -> Any:
        """The value ``seal_json`` sealed; InvalidTag for anything else (plaintext included)."""
        token = stored.get(SEALED) if isinstance(stored, dict) else None
        if not isinstance(token, str):
            raise InvalidTag
        return json.loads(self.open(owner, where, token))

    def seal_for(
        self, owners: Iterable[PersonId], where: tuple[str, str], value: object
    ) -> dict[str, Any]:
        """One sealed copy of ``value`` per owner, for a state that several people share.

        An owner whose account is deleted gets no copy: their key is not made again.
        """
        words, copies = json.dumps(value), {}
        for owner in sorted(set(owners)):
            try:
                copies[owner] = self.seal(owner, where, words)
            except KeyDestroyed:
                continue
        return {SEALED: copies}

    def open_for(self, viewer: PersonId, where: tuple[str, str], stored: object) -> Any:
        """``viewer``'s copy of what ``seal_for`` sealed; InvalidTag when there is none."""
        copies = stored.get(SEALED) if isinstance(stored, dict) else None
        token = copies.get(viewer) if isinstance(copies, dict) else None
        if not isinstance(token, str):
            raise InvalidTag
        return json.loads(self.open(viewer, where, token))

    def load(self, owners: set[str]) -> None:
        """Fetch the data keys of ``owners`` in one query, before opening many texts."""
        missing = owners - self._cache.keys()
        if not missing:
            return
        query = select(DataKeyRow.person_id, DataKeyRow.wrapped, DataKeyRow.kek_id).where(
            DataKeyRow.person_id.in_(sorted(missing)), DataKeyRow.kek_id != DESTROYED
        )
        for row in self._session.execute(query):  # plain rows: no ORM objects per request
            owner = PersonId(row.person_id)
            self._cache[owner] = self._ring.unwrap(owner, row.wrapped, row.kek_id)

    def destroy(self, owner: PersonId) -> None:
        """Crypto-shred: forget ``owner``'s data key for good, leaving an empty tombstone."""
        self._session.execute(delete(DataKeyRow).where(DataKeyRow.person_id == owner))
        self._session.add(
            DataKeyRow(person_id=owner, wrapped=b"", kek_id=DESTROYED, created_at=_now())
        )
        self._session.flush()
        self._cache.pop(owner, None)

    def _data_key(self, owner: PersonId, *, create: bool = True) -> bytes:
        if owner in self._cache:
            return self._cache[owner]
        row = self._session.get(DataKeyRow, owner)
        if row is not None and row.kek_id == DESTROYED:
            raise KeyDestroyed(owner)
        if row is None:
            if not create:
                raise KeyDestroyed(owner)
            row = self._new_key_row(owner)
        key = self._ring.unwrap(owner, row.wrapped, row.kek_id)
        self._cache[owner] = key
        return key

    def _new_key_row(self, owner: PersonId) -> DataKeyRow:
        wrapped, kek_id = self._ring.wrap(owner, secrets.token_bytes(KEY_BYTES))
        row = DataKeyRow(person_id=owner, wrapped=wrapped, kek_id=kek_id, created_at=_now())
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:  # another request made it first: use theirs
            found = self._session.get(DataKeyRow, owner, populate_existing=True)
            if found is None:
                raise
            return found
        return row


def rewrap_all(session: Session, old: KeyRing, new: KeyRing) -> int:
    """Re-wrap every data key under ``new.current``; the texts themselves are not touched."""
    count = 0
    for row in session.scalars(select(DataKeyRow).where(DataKeyRow.kek_id != DESTROYED)):
        data_key = old.unwrap(PersonId(row.person_id), row.wrapped, row.kek_id)
        row.wrapped, row.kek_id = new.wrap(PersonId(row.person_id), data_key)
        count += 1
    session.flush()
    return count


def _aad(owner: PersonId, where: tuple[str, str]) -> bytes:
    table, row_id = where
    return f"{table}|{row_id}|{owner}".encode()


def _now() -> datetime:
    return datetime.now(UTC)


def rotate_key_file(session_factory: sessionmaker[Session], path: Path) -> int:
    """Replace the key in ``path`` with a fresh one, re-wrapping every data key under it.

    Crash-safe in this order: the new key is written to ``<path>.next`` first (and is known to
    ``KeyRing.from_file`` from then on), the re-wrap commits, and only then does ``.next`` take
    the place of ``path``; the old key is kept as ``<path>.retired`` for old backups until the
    operator destroys it. Returns how many data keys were re-wrapped.
    """
    old = KeyRing.from_file(path)
    pending = next_key_path(path)
    if not pending.exists():
        read_or_make_key(pending)
    new = KeyRing.of(pending.read_bytes(), *old.keys.values())
    with session_factory() as session:
        count = rewrap_all(session, old, new)
        session.commit()
    os.replace(path, path.with_name(path.name + ".retired"))
    os.replace(pending, path)
    return count
