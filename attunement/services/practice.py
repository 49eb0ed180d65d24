"""The therapist's work with their couples: dashboard, summary, homework, notes, self-check.

Every use case here starts from ``found_client`` (services/therapists.py), so a therapist sees a
couple only while that couple's invitation stands. What reaches the therapist is what each
partner shared with them, plus the couple's joint work: the totals they shared, a neutral alert
when joint work is on hold for safety (never who raised it or why, domain.md §4.6), homework,
and aggregate skill curves (numbers only; no words from any dialogue). Notes and self-checks are
read back only by their author.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from attunement.domain.clock import Clock
from attunement.domain.errors import NotFound
from attunement.domain.exercises.couples_dialogue import Step
from attunement.domain.ids import CoupleId, PersonId
from attunement.domain.progress import SkillWeek, skill_curves
from attunement.domain.therapist import (
    Alert,
    SelfCheck,
    check_note,
    couple_alerts,
    set_homework,
)
from attunement.services.instruments import SESSION_RATING, WEEKLY_CHECK_IN, shipped
from attunement.services.measures import PersonProgress, own_turns, progress_of
from attunement.services.therapists import ClientCouple, found_client
from attunement.services.uow import UnitOfWork
from attunement.store.practice import StoredHomework, Written


@dataclass(frozen=True, slots=True)
class CoupleCard:
    """One line of the dashboard."""

    client: ClientCouple
    last_activity: datetime | None
    alerts: tuple[Alert, ...]


@dataclass(frozen=True, slots=True)
class CoupleSummary:
    """The one-page pre-session summary of a couple, for their therapist."""

    client: ClientCouple
    alerts: tuple[Alert, ...]
    outcomes: list[PersonProgress]
    ratings: list[PersonProgress]
    skills: list[tuple[str, list[SkillWeek]]]  # (partner's name, their weeks)
    homework: list[StoredHomework]
    writing: list[Written]  # the therapist's own notes and self-checks, newest first
    last_activity: datetime | None


@dataclass(frozen=True, slots=True)
class HomeworkPlan:
    kind: str
    due: date
    note: str


def dashboard(uow: UnitOfWork, *, therapist: PersonId, clock: Clock) -> list[CoupleCard]:
    """The therapist's couples with their last activity and alerts, alerts first."""
    with uow:
        couples = uow.therapists.couples_of(therapist)
        cards = []
        for couple in couples:
            cards.append(_seen(uow, couple.id, therapist, clock.now().date())[0])
    return sorted(cards, key=lambda card: (not card.alerts, card.client.names()))


def couple_summary(
    uow: UnitOfWork, couple: CoupleId, *, therapist: PersonId, clock: Clock
) -> CoupleSummary:
    """The pre-session summary.

    Raises:
        NotFound: not this therapist's couple (or no longer).
    """
    with uow:
        return _summary(uow, couple, therapist, clock.now().date())


def assign_homework(
    uow: UnitOfWork, couple: CoupleId, form: HomeworkPlan, *, therapist: PersonId, clock: Clock
) -> None:
    """Set an exercise for the couple to do by a date.

    Raises:
        NotFound: not this therapist's couple.
        InvalidInput: an unknown exercise, a past date, a note too long.
    """
    now = clock.now()
    with uow:
        client = found_client(uow, couple, therapist=therapist)
        homework = set_homework(form.kind, form.due, form.note, by=therapist, at=now)
        uow.practice.add_homework(client.couple.id, homework)
        uow.commit()


def write_note(
    uow: UnitOfWork, couple: CoupleId, text: str, *, therapist: PersonId, clock: Clock
) -> None:
    """Keep a private session note; only its author will ever read it."""
    with uow:
        client = found_client(uow, couple, therapist=therapist)
        uow.practice.add_note(client.couple.id, check_note(text), author=therapist, now=clock.now())
        uow.commit()


def write_self_check(
    uow: UnitOfWork, couple: CoupleId, check: SelfCheck, *, therapist: PersonId, clock: Clock
) -> None:
    """Keep the therapist's post-session self-check; only its author will ever read it."""
    with uow:
        client = found_client(uow, couple, therapist=therapist)
        uow.practice.add_self_check(client.couple.id, check, author=therapist, now=clock.now())
        uow.commit()


def homework_of(uow: UnitOfWork, *, viewer: PersonId) -> list[StoredHomework]:
    """The homework of ``viewer``'s couple."""
    with uow:
        couple = uow.couples.of_member(viewer)
        return [] if couple is None else uow.practice.homework(couple.id, viewer=viewer)


def mark_homework_done(uow: UnitOfWork, homework: str, *, by: PersonId, clock: Clock) -> None:
    """Either partner marks a homework of their couple done.

    Raises:
        NotFound: no such homework in ``by``'s couple, or it is done already.
    """
    with uow:
        couple = uow.couples.of_member(by)
        if couple is None or not uow.practice.mark_done(homework, couple.id, now=clock.now()):
            raise NotFound
        uow.commit()


def _summary(uow: UnitOfWork, couple: CoupleId, therapist: PersonId, today: date) -> CoupleSummary:
    card, outcomes, ratings, homework = _seen(uow, couple, therapist, today)
    return CoupleSummary(
        client=card.client,
        alerts=card.alerts,
        outcomes=outcomes,
        ratings=ratings,
        skills=[(p.display_name, skill_curves(own_turns(uow, p.id))) for p in card.client.partners],
        homework=homework,
        writing=uow.practice.writing(couple, author=therapist),
        last_activity=card.last_activity,
    )


def _seen(
    uow: UnitOfWork, couple: CoupleId, therapist: PersonId, today: date
) -> tuple[CoupleCard, list[PersonProgress], list[PersonProgress], list[StoredHomework]]:
    """What the dashboard needs of a couple (the summary adds skills and notes to it)."""
    client = found_client(uow, couple, therapist=therapist)
    check, rating = shipped(WEEKLY_CHECK_IN), shipped(SESSION_RATING)
    people = list(client.partners)
    checks = uow.administrations.for_therapist(couple, check.code, therapist=therapist)
    rated = uow.administrations.for_therapist(couple, rating.code, therapist=therapist)
    outcomes, ratings = progress_of(check, people, checks), progress_of(rating, people, rated)
    homework = uow.practice.homework(couple, viewer=therapist)
    held, dialogue_at = _joint_work(uow, client)
    alerts = couple_alerts(
        held=held,
        tracks=[p.track for p in outcomes + ratings],
        homework=[h.homework for h in homework],
        today=today,
    )
    moments = [dialogue_at, *(p.at for p in checks + rated)]
    moments += [h.homework.done_at for h in homework]
    last = max((m for m in moments if m is not None), default=None)
    return CoupleCard(client, last, alerts), outcomes, ratings, homework


def _joint_work(uow: UnitOfWork, client: ClientCouple) -> tuple[bool, datetime | None]:
    """Whether joint work is on hold for safety, and when joint work last moved.

    A hold comes from a dialogue held for words read as urgent or from a partner's private
    check-in (issue 6); either way only the flag leaves this function, never who or why. Read
    through a partner, because dialogues are scoped to their couple's members.
    """
    member = client.couple.partner_a
    dialogues = uow.dialogues.of_viewer(member)
    held = uow.safety.couple_paused(client.couple.id) or any(
        stored.state.step is Step.SAFETY_HOLD for stored in dialogues
    )
    return held, max((stored.updated_at for stored in dialogues), default=None)
