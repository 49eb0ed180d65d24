"""The unit of work saves only what is committed."""

import pytest

from attunement.domain.clock import Clock
from attunement.domain.people import AccountKind
from attunement.services.uow import UnitOfWork
from attunement.store.people import NewPerson


def new_person(clock: Clock) -> NewPerson:
    return NewPerson("jamie", "Jamie", AccountKind.PARTNER, "not-a-real-hash", clock.now())


def add_then_fail(uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        uow.people.add(new_person(clock))
        raise ZeroDivisionError


def test_work_left_uncommitted_is_dropped(uow, clock):
    with uow:
        uow.people.add(new_person(clock))

    with uow:
        assert not uow.people.username_taken("jamie")


def test_committed_work_stays(uow, clock):
    with uow:
        uow.people.add(new_person(clock))
        uow.commit()

    with uow:
        assert uow.people.username_taken("jamie")


def test_a_failure_drops_the_work(uow, clock):
    with pytest.raises(ZeroDivisionError):
        add_then_fail(uow, clock)

    with uow:
        assert not uow.people.username_taken("jamie")


def test_one_use_case_is_one_transaction(uow):
    with uow, pytest.raises(RuntimeError, match="already open"), uow:
        pass


def test_commit_needs_an_open_unit_of_work(uow):
    with pytest.raises(RuntimeError, match="outside"):
        uow.commit()
