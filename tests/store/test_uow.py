"""The unit of work saves only what is committed; a reading one never waits for SQLite's lock."""

import shutil
import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from attunement.domain.clock import Clock
from attunement.domain.people import AccountKind
from attunement.services.uow import UnitOfWork
from attunement.store.engine import is_busy, make_engine, make_session_factory
from attunement.store.people import NewPerson
from attunement.store.uow import SqlUnitOfWork


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


@pytest.fixture
def sqlite_file(tmp_path, sqlite_template):
    path = tmp_path / "attunement.sqlite3"
    shutil.copyfile(sqlite_template, path)
    return path


@pytest.fixture
def other_writer(sqlite_file):
    """Another process's connection holding SQLite's write lock (BEGIN IMMEDIATE) until closed."""
    writer = sqlite3.connect(sqlite_file, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    yield writer
    writer.rollback()
    writer.close()


def quick_uow(path) -> SqlUnitOfWork:
    engine = make_engine(f"sqlite:///{path}", busy_timeout_ms=100)
    return SqlUnitOfWork(make_session_factory(engine))


def test_a_reading_unit_of_work_reads_beside_a_writer_holding_the_lock(sqlite_file, other_writer):
    with quick_uow(sqlite_file).reading() as reader:
        assert not reader.people.username_taken("jamie")


def test_a_writing_unit_of_work_waits_for_the_lock_then_reports_busy(
    sqlite_file, other_writer, clock
):
    with pytest.raises(OperationalError) as raised, quick_uow(sqlite_file) as uow:
        uow.people.add(new_person(clock))

    assert is_busy(raised.value)
    other_writer.rollback()
    with quick_uow(sqlite_file).reading() as reader:
        assert not reader.people.username_taken("jamie")  # nothing half-saved


def test_a_writing_unit_of_work_goes_ahead_once_the_lock_is_free(sqlite_file, clock):
    with quick_uow(sqlite_file) as uow:
        uow.people.add(new_person(clock))
        uow.commit()

    with quick_uow(sqlite_file).reading() as reader:
        assert reader.people.username_taken("jamie")


def test_a_reading_unit_of_work_saves_nothing(uow, clock):
    # SQLite refuses the commit; PostgreSQL, reading without a transaction, the write itself.
    def add_and_commit(reader: UnitOfWork) -> None:
        reader.people.add(new_person(clock))
        reader.commit()

    with uow.reading() as reader, pytest.raises(RuntimeError, match="only reads"):
        add_and_commit(reader)

    with uow:
        assert not uow.people.username_taken("jamie")


@pytest.mark.postgres
def test_a_reading_unit_on_postgresql_runs_each_statement_on_its_own(postgres_engine, clock):
    def second_statement_began_its_transaction(uow: SqlUnitOfWork) -> bool:
        session = uow._open()
        session.execute(text("SELECT 1"))
        return bool(session.scalar(text("SELECT transaction_timestamp() = statement_timestamp()")))

    uow = SqlUnitOfWork(make_session_factory(postgres_engine))
    with uow.reading() as reader:
        alone = second_statement_began_its_transaction(reader)
    with uow:
        together = second_statement_began_its_transaction(uow)

    assert alone  # no BEGIN, no ROLLBACK: autocommit
    assert not together  # a writing unit keeps one transaction


def test_other_database_errors_are_not_busy():
    assert not is_busy(OperationalError("SELECT 1", {}, sqlite3.OperationalError("disk I/O error")))
    assert not is_busy(ValueError("database is locked"))
