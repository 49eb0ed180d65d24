"""People and their web sessions (domain.md §3.1; security-reference.md, session management).

A web session is stored only as the SHA-256 of its token, so a copy of the database cannot be
used to log in as anyone. Password hashes never leave this module except to the login check.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ForeignKey, String, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from attunement.domain.errors import InvalidInput
from attunement.domain.ids import PersonId
from attunement.domain.people import AccountKind, Person
from attunement.store.base import Base, UtcDateTime, new_id

UNUSABLE = "!"  # no password hashes to this, so a forgotten account cannot log in


class PersonRow(Base):
    __tablename__ = "people"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    def to_person(self) -> Person:
        return Person(
            id=PersonId(self.id),
            username=self.username,
            display_name=self.display_name,
            kind=AccountKind(self.kind),
        )


class WebSessionRow(Base):
    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)


@dataclass(frozen=True, slots=True)
class NewPerson:
    username: str
    display_name: str
    kind: AccountKind
    password_hash: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class WebSession:
    """A stored session as the login check needs it (never the token itself)."""

    person: Person
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    confirmed_at: datetime | None = None  # the last password entry: log-in or re-login


@dataclass(frozen=True, slots=True)
class SessionListing:
    """One of my sessions as my sessions page shows it (never its token or hash)."""

    id: str
    created_at: datetime
    last_seen_at: datetime
    token_hash: str


class PersonRepository:
    """Accounts. Reads return ``Person``; only ``credentials`` exposes a password hash."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, new: NewPerson) -> Person:
        """Store a new account; InvalidInput("signup.username_taken") when the name is used."""
        row = PersonRow(
            id=new_id(),
            username=new.username,
            display_name=new.display_name,
            kind=new.kind.value,
            password_hash=new.password_hash,
            created_at=new.created_at,
        )
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            raise InvalidInput("signup.username_taken") from None
        return row.to_person()

    def username_taken(self, username: str) -> bool:
        query = select(PersonRow.id).where(PersonRow.username == username)
        return self._session.scalar(query) is not None

    def credentials(self, username: str) -> tuple[Person, str] | None:
        """The person with ``username`` and their password hash, for the login check only."""
        row = self._session.scalar(select(PersonRow).where(PersonRow.username == username))
        return None if row is None else (row.to_person(), row.password_hash)

    def set_password_hash(self, person: PersonId, password_hash: str) -> None:
        self._session.execute(
            update(PersonRow).where(PersonRow.id == person).values(password_hash=password_hash)
        )

    def get(self, person: PersonId) -> Person | None:
        """A person's public face (name and kind); there is nothing private in it."""
        row = self._session.get(PersonRow, person)
        return None if row is None else row.to_person()

    def forget(self, person: PersonId) -> None:
        """Keep the row (shared history points at it) but nothing that names or admits anyone."""
        self._session.execute(
            update(PersonRow)
            .where(PersonRow.id == person)
            .values(
                username=f"deleted-{person}"[:40],
                display_name="Former member",
                password_hash=UNUSABLE,
            )
        )

    def names(self, people: tuple[PersonId, ...]) -> dict[PersonId, str]:
        """Display names of ``people`` in one query."""
        query = select(PersonRow.id, PersonRow.display_name).where(PersonRow.id.in_(people))
        return {PersonId(id_): name for id_, name in self._session.execute(query)}


class WebSessionRepository:
    """Login sessions, found by the hash of their token."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self, token_hash: str, person: PersonId, *, now: datetime, expires_at: datetime
    ) -> None:
        self._session.add(
            WebSessionRow(
                id=new_id(),
                token_hash=token_hash,
                person_id=person,
                created_at=now,
                last_seen_at=now,
                expires_at=expires_at,
            )
        )
        self._session.flush()

    def find(self, token_hash: str) -> WebSession | None:
        # Plain columns, not two ORM objects: every request of a logged-in person asks this.
        query = (
            select(
                PersonRow.id,
                PersonRow.username,
                PersonRow.display_name,
                PersonRow.kind,
                WebSessionRow.created_at,
                WebSessionRow.last_seen_at,
                WebSessionRow.expires_at,
                WebSessionRow.revoked_at,
                WebSessionRow.confirmed_at,
            )
            .join(PersonRow, PersonRow.id == WebSessionRow.person_id)
            .where(WebSessionRow.token_hash == token_hash)
        )
        row = self._session.execute(query).one_or_none()
        if row is None:
            return None
        person = Person(
            id=PersonId(row.id),
            username=row.username,
            display_name=row.display_name,
            kind=AccountKind(row.kind),
        )
        return WebSession(
            person=person,
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
            expires_at=row.expires_at,
            revoked_at=row.revoked_at,
            confirmed_at=row.confirmed_at or row.created_at,
        )

    def touch(self, token_hash: str, *, now: datetime) -> None:
        self._session.execute(
            update(WebSessionRow)
            .where(WebSessionRow.token_hash == token_hash)
            .values(last_seen_at=now)
        )

    def revoke(self, token_hash: str, *, now: datetime) -> None:
        self._session.execute(
            update(WebSessionRow)
            .where(WebSessionRow.token_hash == token_hash, WebSessionRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    def live_of(self, person: PersonId, *, now: datetime) -> list[SessionListing]:
        """``person``'s sessions that are not revoked or expired, newest first."""
        query = (
            select(WebSessionRow)
            .where(
                WebSessionRow.person_id == person,
                WebSessionRow.revoked_at.is_(None),
                WebSessionRow.expires_at > now,
            )
            .order_by(WebSessionRow.last_seen_at.desc(), WebSessionRow.id)
        )
        return [
            SessionListing(row.id, row.created_at, row.last_seen_at, row.token_hash)
            for row in self._session.scalars(query)
        ]

    def revoke_all(self, person: PersonId, *, now: datetime) -> None:
        """End every session of ``person`` at once (log out everywhere)."""
        self._session.execute(
            update(WebSessionRow)
            .where(WebSessionRow.person_id == person, WebSessionRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    def confirm(self, token_hash: str, *, now: datetime) -> None:
        """Record that the password was just entered again on this session."""
        self._session.execute(
            update(WebSessionRow)
            .where(WebSessionRow.token_hash == token_hash)
            .values(confirmed_at=now)
        )
