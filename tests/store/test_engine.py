"""Engine settings and the one datetime type: durable SQLite, aware UTC everywhere."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Engine, MetaData, String, Table, create_engine, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError, StatementError

from attunement.store.base import UtcDateTime
from attunement.store.engine import make_engine, ping_when_idle
from attunement.store.people import WebSessionRow

MOMENTS = Table(
    "moments",
    MetaData(),
    Column("name", String(10), primary_key=True),
    Column("at", UtcDateTime()),
)


@pytest.fixture
def moments(engine):
    MOMENTS.create(engine)
    yield engine
    MOMENTS.drop(engine)


def test_sqlite_is_durable_and_enforces_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    pragmas = ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
    with engine.connect() as connection:
        found = [connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in pragmas]
    engine.dispose()

    assert found == ["wal", 2, 1, 5000]  # synchronous 2 is FULL


def test_a_row_pointing_at_nobody_is_refused(session_factory, clock):
    now = clock.now()
    row = WebSessionRow(
        id="s", token_hash="h", person_id="nobody", created_at=now, last_seen_at=now, expires_at=now
    )

    with session_factory() as session:
        session.add(row)
        with pytest.raises(IntegrityError):
            session.commit()


def test_times_come_back_aware_utc(moments):
    paris = datetime(2025, 3, 30, 3, 30, tzinfo=timezone(timedelta(hours=2)))
    with moments.begin() as connection:
        connection.execute(insert(MOMENTS).values(name="a", at=paris))

    with moments.connect() as connection:
        stored = connection.execute(select(MOMENTS.c.at)).scalar_one()

    assert stored == paris
    assert stored.tzinfo is UTC


def test_a_naive_time_is_refused(moments):
    with moments.begin() as connection, pytest.raises(StatementError, match="naive"):
        connection.execute(insert(MOMENTS).values(name="a", at=datetime(2025, 1, 1)))  # noqa: DTZ001


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one())


def _terminate(postgres_url: str, pid: int) -> None:
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"SELECT pg_terminate_backend({pid})")
    admin.dispose()


@pytest.mark.postgres
def test_a_connection_idle_long_enough_is_pinged_and_replaced_when_gone(postgres_url):
    engine = create_engine(postgres_url)
    ping_when_idle(engine, idle_s=0.0)
    first = _backend_pid(engine)
    _terminate(postgres_url, first)

    second = _backend_pid(engine)  # the ping found it gone: a fresh connection, no error
    engine.dispose()

    assert second != first


@pytest.mark.postgres
def test_a_connection_just_used_is_trusted_without_a_ping(postgres_url):
    engine = make_engine(postgres_url)  # pings only after PING_AFTER_IDLE_S
    first = _backend_pid(engine)
    _terminate(postgres_url, first)

    with pytest.raises(OperationalError):  # no ping: the request on it fails, as a mid-use drop
        _backend_pid(engine)
    second = _backend_pid(engine)  # and the pool has thrown the dead connection away
    engine.dispose()

    assert second != first
