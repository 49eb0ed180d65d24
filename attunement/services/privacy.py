"""My sessions, re-login, my login history, my export and deleting my account (issue 6).

"Log out everywhere" revokes every session of a person at once; the web layer also closes
their live sockets. A sensitive action (export, delete, changing what is shared) needs the
password entered within ``RECENT``. Deleting an account destroys its data key, so everything
the person wrote becomes unreadable, backups included, while the partner's own words stay; the
states the two shared are first rewritten for the partner without the person's words.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from attunement.domain.clock import Clock
from attunement.domain.errors import InvalidInput
from attunement.domain.ids import PersonId
from attunement.services.accounts import token_hash
from attunement.services.forgetting import forget_shared_words
from attunement.services.passwords import Hasher
from attunement.services.uow import UnitOfWork
from attunement.store.audit import AuditEntry

RECENT = timedelta(minutes=5)
LOGIN_ACTIONS = ("login", "login.failed", "logout", "logout.everywhere")


@dataclass(frozen=True, slots=True)
class MySession:
    id: str
    created_at: datetime
    last_seen_at: datetime
    this_device: bool


def sessions_of(uow: UnitOfWork, *, person: PersonId, token: str, clock: Clock) -> list[MySession]:
    """``person``'s live sessions, marking the one ``token`` belongs to."""
    mine = token_hash(token)
    with uow:
        listing = uow.web_sessions.live_of(person, now=clock.now())
    return [MySession(s.id, s.created_at, s.last_seen_at, s.token_hash == mine) for s in listing]


def log_out_everywhere(uow: UnitOfWork, *, person: PersonId, clock: Clock) -> None:
    """End every session of ``person``, this one included."""
    with uow:
        uow.web_sessions.revoke_all(person, now=clock.now())
        uow.audit.append(AuditEntry(clock.now(), person, "logout.everywhere", "person", person))
        uow.commit()


def confirm_password(  # noqa: PLR0913 (the keyword signature of the services API)
    uow: UnitOfWork, *, person: PersonId, token: str, password: str, hasher: Hasher, clock: Clock
) -> None:
    """Re-login: the password again, so the next sensitive action may go ahead.

    Raises:
        InvalidInput: ``login.failed`` for a wrong password.
    """
    with uow:
        found = uow.people.get(person)
        credentials = None if found is None else uow.people.credentials(found.username)
        if credentials is None or not hasher.verify(credentials[1], password):
            uow.audit.append(AuditEntry(clock.now(), person, "login.failed", "person", person))
            uow.commit()
            raise InvalidInput("login.failed")
        uow.web_sessions.confirm(token_hash(token), now=clock.now())
        uow.commit()


def recently_confirmed(confirmed_at: datetime | None, *, clock: Clock) -> bool:
    """Whether the password was entered recently enough for a sensitive action."""
    return confirmed_at is not None and clock.now() - confirmed_at <= RECENT


def login_history(uow: UnitOfWork, *, person: PersonId) -> list[AuditEntry]:
    """``person``'s own log-ins, failures and log-outs, newest first."""
    with uow:
        return uow.audit.of_actor(person, LOGIN_ACTIONS)


def export_mine(uow: UnitOfWork, *, person: PersonId, clock: Clock) -> dict[str, object]:
    """What ``person`` wrote or answered, and nothing the partner kept private (GDPR Art. 20)."""
    with uow:
        me = uow.people.get(person)
        screens = uow.safety.screens_of(person)
        turns = [
            {"dialogue": d.id, "index": t.index, "move": t.move.value, "text": t.text}
            for d in uow.dialogues.of_viewer(person)
            for t in uow.dialogues.turns(d.id, viewer=person)
            if t.speaker == person
        ]
        uow.audit.append(AuditEntry(clock.now(), person, "export", "person", person))
        uow.commit()
    return {
        "person": None if me is None else {"username": me.username, "name": me.display_name},
        "check_ins": [
            {"taken_at": s.taken_at.isoformat(), "level": s.level.value, **s.answers.to_json()}
            for s in screens
        ],
        "my_turns": turns,
    }


def delete_account(uow: UnitOfWork, *, person: PersonId, clock: Clock) -> None:
    """Crypto-shred ``person``: destroy their data key, forget their name, end their sessions."""
    with uow:
        uow.people.forget(person)
        uow.web_sessions.revoke_all(person, now=clock.now())
        shred(uow, person=person, now=clock.now())
        uow.commit()


def shred(uow: UnitOfWork, *, person: PersonId, now: datetime) -> None:
    """Forget ``person``'s words in the states they shared, then destroy their data key.

    Inside the caller's unit of work, and before ``person`` leaves their couple: the shared
    states are found through it (``services/forgetting.py``).
    """
    forget_shared_words(uow, person=person)
    uow.sealer.destroy(person)
    uow.audit.append(AuditEntry(now, person, "delete", "person", person))


def confirmed_at(uow: UnitOfWork, *, token: str) -> datetime | None:
    """When the password was last entered on the session of ``token``."""
    with uow:
        found = uow.web_sessions.find(token_hash(token))
    return None if found is None else found.confirmed_at
