"""Sign-up, login and web sessions (security-reference.md §0, ASVS 6.3.8 and 8.3.2).

A wrong username and a wrong password give the same refusal after the same work (one Argon2
computation), so a partner cannot learn whether an account exists. Session tokens are random;
only their SHA-256 is stored, and a session ends when revoked, idle too long or too old.

Every request checks its session, so the check only reads; the last-seen time is written at most
once a ``TOUCH_EVERY`` (issue 7). A session may therefore end up to that much *sooner* than its
idle limit, never later.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from attunement.domain.clock import Clock
from attunement.domain.errors import InvalidInput
from attunement.domain.people import AccountKind, Person
from attunement.services.clock import SYSTEM_CLOCK
from attunement.services.passwords import Hasher
from attunement.services.uow import UnitOfWork
from attunement.store.audit import AuditEntry
from attunement.store.people import NewPerson

USERNAME = re.compile(r"[A-Za-z0-9._-]{3,40}")
PASSWORD_MIN, PASSWORD_MAX = 10, 200
NAME_MAX = 60
#: How stale a session's last-seen time may get before a request writes it again.
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class SessionLifetime:
    """How long a login lasts without use (``idle``) and at most (``absolute``)."""

    idle: timedelta
    absolute: timedelta


@dataclass(frozen=True, slots=True)
class LoginResult:
    person: Person
    token: str  # give to the browser once; only its hash is kept


@dataclass(frozen=True, slots=True)
class SignUp:
    username: str
    display_name: str
    password: str


def sign_up(  # noqa: PLR0913 (the keyword signature of the services API)
    uow: UnitOfWork,
    *,
    username: str,
    display_name: str,
    password: str,
    hasher: Hasher,
    kind: AccountKind = AccountKind.PARTNER,
    clock: Clock = SYSTEM_CLOCK,
) -> Person:
    """Create an account; usernames are unique regardless of letter case.

    Raises:
        InvalidInput: ``signup.username_invalid``, ``signup.name_invalid``,
            ``signup.password_short``, ``signup.password_long`` or ``signup.username_taken``.
    """
    form = _checked(SignUp(username, display_name, password))
    with uow:
        if uow.people.username_taken(form.username):
            raise InvalidInput("signup.username_taken")
        person = uow.people.add(
            NewPerson(
                username=form.username,
                display_name=form.display_name,
                kind=kind,
                password_hash=hasher.hash(form.password),
                created_at=clock.now(),
            )
        )
        uow.commit()
    return person


def log_in(  # noqa: PLR0913 (the keyword signature of the services API)
    uow: UnitOfWork,
    *,
    username: str,
    password: str,
    hasher: Hasher,
    clock: Clock,
    lifetime: SessionLifetime,
) -> LoginResult:
    """Check the password and open a session.

    Raises:
        InvalidInput: ``login.failed`` for an unknown user and a wrong password alike.
    """
    with uow:
        found = uow.people.credentials(_username_key(username))
        if found is None:
            hasher.hash(password)  # the same work as a real check, so timing tells nothing
            raise InvalidInput("login.failed")
        person, password_hash = found
        if not hasher.verify(password_hash, password):
            # The failure goes in the person's own login history; it is committed, then refused.
            uow.audit.append(
                AuditEntry(clock.now(), person.id, "login.failed", "person", person.id)
            )
            uow.commit()
            raise InvalidInput("login.failed")
        if hasher.needs_rehash(password_hash):
            uow.people.set_password_hash(person.id, hasher.hash(password))
        token = secrets.token_urlsafe(32)
        now = clock.now()
        uow.web_sessions.add(
            _token_hash(token), person.id, now=now, expires_at=now + lifetime.absolute
        )
        uow.audit.append(AuditEntry(now, person.id, "login", "person", person.id))
        uow.commit()
    return LoginResult(person=person, token=token)


def person_for_token(
    uow: UnitOfWork, token: str, *, clock: Clock, lifetime: SessionLifetime
) -> Person | None:
    """The person a session token belongs to, marking it used; None when it no longer works."""
    token_hash = _token_hash(token)
    with uow.reading() as reader:
        found = reader.web_sessions.find(token_hash)
    now = clock.now()
    if found is None or found.revoked_at is not None:
        return None
    too_old = min(found.expires_at, found.created_at + lifetime.absolute) <= now
    if too_old or found.last_seen_at + lifetime.idle <= now:
        return None
    if now - found.last_seen_at >= TOUCH_EVERY:
        with uow:
            uow.web_sessions.touch(token_hash, now=now)
            uow.commit()
    return found.person


def session_ends_at(
    uow: UnitOfWork, token: str, *, clock: Clock, lifetime: SessionLifetime
) -> datetime | None:
    """When the session of ``token`` stops working unless used again; None if it already has.

    Unlike ``person_for_token`` this does not mark the session used: an open live socket asks
    it, and merely watching a screen must not keep an idle session alive.
    """
    with uow.reading() as reader:
        found = reader.web_sessions.find(_token_hash(token))
    if found is None or found.revoked_at is not None:
        return None
    ends = min(
        found.expires_at, found.created_at + lifetime.absolute, found.last_seen_at + lifetime.idle
    )
    return ends if clock.now() < ends else None


def log_out(uow: UnitOfWork, token: str, *, clock: Clock = SYSTEM_CLOCK) -> None:
    """End the session of ``token`` at once; an unknown token is already logged out."""
    with uow:
        found = uow.web_sessions.find(_token_hash(token))
        uow.web_sessions.revoke(_token_hash(token), now=clock.now())
        if found is not None and found.revoked_at is None:
            who = found.person.id
            uow.audit.append(AuditEntry(clock.now(), who, "logout", "person", who))
        uow.commit()


def _checked(form: SignUp) -> SignUp:
    if not USERNAME.fullmatch(form.username.strip()):
        raise InvalidInput("signup.username_invalid")
    name = " ".join(form.display_name.split())
    if not 1 <= len(name) <= NAME_MAX or not name.isprintable():
        raise InvalidInput("signup.name_invalid")
    if len(form.password) < PASSWORD_MIN:
        raise InvalidInput("signup.password_short", minimum=PASSWORD_MIN)
    if len(form.password) > PASSWORD_MAX:
        raise InvalidInput("signup.password_long", maximum=PASSWORD_MAX)
    return SignUp(_username_key(form.username), name, form.password)


def _username_key(username: str) -> str:
    return username.strip().lower()


def token_hash(token: str) -> str:
    """The SHA-256 under which a session token is stored."""
    return _token_hash(token)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
