"""The SQL rules of the therapist link: who may see a couple, and its check-in totals."""

from datetime import timedelta

import pytest

from attunement.domain.ids import PersonId
from attunement.domain.measures import administer
from attunement.services import therapists
from attunement.services.instruments import WEEKLY_CHECK_IN, shipped
from attunement.store.measures import Sharing
from attunement.store.uow import SqlUnitOfWork
from tests.fakes import FakeClock
from tests.services.test_measures import answers


def add(uow: SqlUnitOfWork, clock: FakeClock, person: PersonId, sharing: Sharing) -> None:
    with uow:
        given = administer(shipped(WEEKLY_CHECK_IN), person, answers(2), at=clock.now())
        uow.administrations.add(given, sharing)
        uow.commit()


@pytest.mark.parametrize(
    "case",
    [
        (Sharing(), False),
        (Sharing(with_partner=True), False),
        (Sharing(with_therapist=True), True),
    ],
)
def test_the_therapist_sees_only_totals_shared_with_them(uow, clock, couple, jordan, case):
    sharing, seen = case
    add(uow, clock, couple.partner_a, sharing)

    with uow:
        points = uow.administrations.for_therapist(couple.id, WEEKLY_CHECK_IN, therapist=jordan.id)

    assert bool(points) is seen


def test_an_uninvited_therapist_sees_no_shared_totals(uow, clock, couple, jordan, morgan):
    add(uow, clock, couple.partner_a, Sharing(with_therapist=True))

    with uow:
        points = uow.administrations.for_therapist(couple.id, WEEKLY_CHECK_IN, therapist=morgan.id)

    assert points == []


def test_a_revoked_therapist_sees_nothing_any_more(uow, clock, couple, sam, jordan):
    add(uow, clock, sam.id, Sharing(with_therapist=True))
    clock.advance(timedelta(minutes=1))
    therapists.revoke_therapist(uow, by=sam.id, clock=clock)

    with uow:
        points = uow.administrations.for_therapist(couple.id, WEEKLY_CHECK_IN, therapist=jordan.id)
        found = uow.therapists.couple_for(couple.id, therapist=jordan.id)

    assert points == []
    assert found is None


def test_a_therapist_cannot_reach_another_couples_totals_through_their_own_link(
    uow, clock, couple, other_couple, jordan
):
    add(uow, clock, other_couple.partner_a, Sharing(with_therapist=True))

    with uow:
        points = uow.administrations.for_therapist(couple.id, WEEKLY_CHECK_IN, therapist=jordan.id)
        theirs = uow.administrations.for_therapist(
            other_couple.id, WEEKLY_CHECK_IN, therapist=jordan.id
        )

    assert points == []
    assert theirs == []
