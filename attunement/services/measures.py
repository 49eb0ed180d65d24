"""Check-ins, session ratings and the progress a partner sees (issue 5; domain.md §5).

Each partner answers alone; the answers stay theirs. Totals reach the partner, or the couple's
therapist, only where the author ticked "share" on that check-in (domain.md §5.1: a couple view
shows both partners' trends only with both partners' consent). Skill curves come from the
viewer's own analysed turns in the Couple's Dialogue (their words never leave this module).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from attunement.domain.change import (
    ChangeResult,
    TrackStatus,
    alliance_track,
    change_result,
    outcome_track,
)
from attunement.domain.clock import Clock
from attunement.domain.errors import InvalidInput, NotFound
from attunement.domain.exercises.couples_dialogue import Move
from attunement.domain.ids import PersonId
from attunement.domain.measures import Administration, Instrument, Purpose, administer
from attunement.domain.people import AccountKind, Person
from attunement.domain.progress import JudgedTurn, Point, Skill, SkillWeek, skill_curves, weekly
from attunement.services.instruments import SESSION_RATING, WEEKLY_CHECK_IN, shipped
from attunement.services.uow import UnitOfWork
from attunement.store.measures import ScorePoint, Sharing

#: Which skill a move of the Couple's Dialogue practises (domain.md §6.1-6.3).
SKILL_OF: Mapping[Move, Skill] = {
    Move.MIRROR: Skill.MIRROR,
    Move.SUMMARIZE: Skill.MIRROR,
    Move.VALIDATE: Skill.VALIDATION,
    Move.EMPATHIZE: Skill.EMPATHY,
}
INSTRUMENTS = (WEEKLY_CHECK_IN, SESSION_RATING)


@dataclass(frozen=True, slots=True)
class CheckIn:
    """One person's answers to one instrument, and who else may see the totals."""

    instrument: str
    answers: Mapping[str, int | None]
    sharing: Sharing


@dataclass(frozen=True, slots=True)
class PersonProgress:
    """One person's weekly totals and what they mean; ``change`` is None before two scores."""

    person: Person
    weeks: list[Point]
    change: ChangeResult | None
    track: TrackStatus


@dataclass(frozen=True, slots=True)
class ProgressView:
    me: Person
    partner: Person | None
    check_in: Instrument
    rating: Instrument
    outcomes: list[PersonProgress]  # the viewer first, then the partner where they shared
    ratings: list[PersonProgress]
    skills: list[SkillWeek]  # the viewer's own
    has_therapist: bool  # flags go to the therapist first (domain.md §5.3)


def instrument(code: str) -> Instrument:
    """One of the instruments a person can answer here.

    Raises:
        NotFound: no such instrument.
    """
    if code not in INSTRUMENTS:
        raise NotFound("measures.no_such_instrument")
    return shipped(code)


def check_in(uow: UnitOfWork, given: CheckIn, *, by: PersonId, clock: Clock) -> Administration:
    """Score and keep ``by``'s answers.

    Raises:
        NotFound: an unknown instrument.
        InvalidInput: ``measures.partners_only`` for a therapist; an answer off the scale.
    """
    scored = administer(instrument(given.instrument), by, given.answers, at=clock.now())
    with uow:
        person = uow.people.get(by)
        if person is None or person.kind is not AccountKind.PARTNER:
            raise InvalidInput("measures.partners_only")
        uow.administrations.add(scored, given.sharing)
        uow.commit()
    return scored


def progress_view(uow: UnitOfWork, *, viewer: PersonId) -> ProgressView:
    """Everything the progress page shows ``viewer``.

    Raises:
        NotFound: the viewer has no account.
    """
    check, rating = shipped(WEEKLY_CHECK_IN), shipped(SESSION_RATING)
    with uow:
        me = uow.people.get(viewer)
        if me is None:
            raise NotFound
        couple = uow.couples.of_member(viewer)
        partner_id = None if couple is None else couple.partner_of(viewer)
        partner = None if partner_id is None else uow.people.get(partner_id)
        people = [me] if partner is None else [me, partner]
        outcomes = uow.administrations.visible(check.code, viewer=viewer)
        ratings = uow.administrations.visible(rating.code, viewer=viewer)
        skills = skill_curves(own_turns(uow, viewer))
        therapist = None if couple is None else uow.therapists.therapist_of(couple.id)
    return ProgressView(
        me=me,
        partner=partner,
        check_in=check,
        rating=rating,
        outcomes=progress_of(check, people, outcomes),
        ratings=progress_of(rating, people, ratings),
        skills=skills,
        has_therapist=therapist is not None,
    )


def progress_of(
    measure: Instrument, people: Sequence[Person], points: Sequence[ScorePoint]
) -> list[PersonProgress]:
    """Weeks and verdicts per person, in ``people`` order; anyone with nothing shown is left out."""
    found = []
    for person in people:
        totals = [(p.at, p.total) for p in points if p.person == person.id]
        if not totals:
            continue
        scored = [total for _, total in totals if total is not None]
        change = change_result(measure, scored[0], scored[-1]) if len(scored) > 1 else None
        track = (
            alliance_track(measure, scored)
            if measure.purpose is Purpose.SESSION_RATING
            else outcome_track(measure, scored)
        )
        found.append(PersonProgress(person, weekly(totals), change, track))
    return found


def own_turns(uow: UnitOfWork, person: PersonId) -> list[JudgedTurn]:
    """``person``'s own analysed turns across their couple's dialogues (inside an open uow)."""
    judged = []
    for stored in uow.dialogues.of_viewer(person):
        for turn in uow.dialogues.turns(stored.id, viewer=person):
            if turn.speaker == person and turn.analysis is not None:
                judged.append(JudgedTurn(turn.created_at, turn.analysis, SKILL_OF.get(turn.move)))
    return judged
