"""Couples for the load test and the cross-process tests, made through the real services.

Usernames carry a fresh run prefix, so a run never collides with earlier rows and never needs
to wipe a database: the load test can point at a database that already holds data.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from attunement.domain.people import AccountKind
from attunement.domain.sessions import DialogueMode
from attunement.services import accounts, couples, dialogue
from attunement.services.clock import SystemClock
from attunement.services.passwords import PasswordHasher
from attunement.services.uow import UnitOfWork

PASSWORD = "a load test password, long enough"  # noqa: S105 - made-up accounts on a test database
CLOCK = SystemClock()


@dataclass(frozen=True, slots=True)
class SeededCouple:
    sender: str  # username of the partner who sends first
    receiver: str
    dialogue: str


def run_prefix() -> str:
    """A prefix no earlier run used (usernames are unique)."""
    return f"lt{secrets.token_hex(4)}"


def seed_couple(
    new_uow: Callable[[], UnitOfWork], hasher: PasswordHasher, name: str
) -> SeededCouple:
    """Two partners joined by a real invite, and a two-device dialogue the first one started."""
    people = []
    for role in ("a", "b"):
        person = accounts.sign_up(
            new_uow(),
            username=f"{name}{role}",
            display_name=f"Partner {role.upper()}",
            password=PASSWORD,
            hasher=hasher,
            kind=AccountKind.PARTNER,
        )
        people.append(person)
    code = couples.invite_partner(new_uow(), by=people[0].id, clock=CLOCK)
    couples.join_couple(new_uow(), by=people[1].id, code=code, clock=CLOCK)
    started = dialogue.start_dialogue(
        new_uow(), by=people[0].id, mode=DialogueMode.TWO_DEVICES, clock=CLOCK
    )
    return SeededCouple(people[0].username, people[1].username, started)
