"""The private check-in, the couple's pause and the therapist's alerts (domain.md §4, issue 6).

Each person checks in alone. A "yes" pauses joint exercises for the couple by raising a flag;
the flag never says whose, so both partners read the same neutral state (§4.6). An urgent
dialogue turn raises the same flag. Reading one's own answers is audited; nobody else has a
way to ask for them.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from attunement.domain.clock import Clock
from attunement.domain.ids import CoupleId, PersonId
from attunement.domain.safety import (
    FlagSource,
    ScreenAnswers,
    ScreenLevel,
    kinds_of,
    level_of,
)
from attunement.services.uow import UnitOfWork
from attunement.store.audit import AuditEntry
from attunement.store.safety import NewFlag, StoredScreen

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class JointWork:
    """What a partner may know about joint work: paused or not, never why or by whom."""

    paused: bool
    checked_in: bool


def take_screen(
    uow: UnitOfWork, *, person: PersonId, answers: ScreenAnswers, clock: Clock
) -> ScreenLevel:
    """Store ``person``'s answers (sealed) and pause their couple's joint work on any "yes"."""
    level = level_of(answers)
    now = clock.now()
    with uow:
        screen = uow.safety.add_screen(person, answers, level, now)
        if level is not ScreenLevel.NONE:
            couple = uow.couples.of_member(person)
            uow.safety.raise_flag(
                NewFlag(
                    couple=None if couple is None else couple.id,
                    person=person,
                    source=FlagSource.SCREEN,
                    level=level,
                    kinds=kinds_of(answers),
                    raised_at=now,
                )
            )
        uow.audit.append(AuditEntry(now, person, "write", "safety_screen", screen))
        uow.commit()
    log.info("check-in stored")  # never the answers, the level or who
    return level


def raise_from_dialogue(
    uow: UnitOfWork, *, couple: CoupleId, speaker: PersonId, kinds: tuple[str, ...], now: datetime
) -> None:
    """An urgent turn pauses the couple like a positive check-in (inside the caller's work)."""
    uow.safety.raise_flag(
        NewFlag(
            couple=couple,
            person=speaker,
            source=FlagSource.DIALOGUE,
            level=ScreenLevel.URGENT,
            kinds=kinds,
            raised_at=now,
        )
    )


def joint_work(uow: UnitOfWork, *, person: PersonId) -> JointWork:
    """Whether ``person``'s couple is paused, and whether ``person`` has checked in."""
    with uow:
        couple = uow.couples.of_member(person)
        paused = couple is not None and uow.safety.couple_paused(couple.id)
        return JointWork(paused=paused, checked_in=uow.safety.has_screened(person))


def my_screens(uow: UnitOfWork, *, person: PersonId, clock: Clock) -> list[StoredScreen]:
    """``person``'s own check-ins, newest first; the read is audited."""
    with uow:
        screens = uow.safety.screens_of(person)
        for screen in screens:
            uow.audit.append(AuditEntry(clock.now(), person, "read", "safety_screen", screen.id))
        uow.commit()
    return screens


def open_alerts(uow: UnitOfWork, *, couple: CoupleId) -> list[NewFlag]:
    """The couple's open flags: the therapist's alert list (issue 5 shows it to them)."""
    with uow:
        return uow.safety.open_flags(couple)


def reopen_joint_work(uow: UnitOfWork, *, couple: CoupleId, clock: Clock) -> None:
    """Close the couple's flags; only a therapist's route may call this (issue 5)."""
    with uow:
        uow.safety.resolve_all(couple, clock.now())
        uow.commit()
