"""Engines and sessions for SQLite (the default) and PostgreSQL (architecture.md, Scale).

SQLite runs in WAL mode with ``synchronous=FULL`` so an acknowledged turn survives a power cut,
with foreign keys enforced and a busy timeout instead of instant "database is locked". Every
SQLite transaction that may write starts with ``BEGIN IMMEDIATE``: taking the write lock up
front lets the busy timeout queue writers, where a deferred read-then-write would fail at once
when another writer got in first. A unit of work that only reads (``READS_ONLY``, issue 7) starts
with a plain ``BEGIN``: in WAL mode it reads a snapshot beside the one writer instead of queueing
behind it for the lock. On PostgreSQL such a unit runs in autocommit (``reading_options``):
at READ COMMITTED, which the engine pins, every statement takes its own snapshot inside a
transaction too, so the ``BEGIN`` and ``ROLLBACK`` round trips would buy a read nothing; a
statement other than ``SELECT`` is refused there, as nothing would roll it back.

A pooled PostgreSQL connection is pinged before use only when it sat idle in the pool for
``PING_AFTER_IDLE_S`` (issue 7): a server restart or a dropped idle connection is still caught
before a request sees it, without the round trip on every checkout that ``pool_pre_ping`` costs
(about three per request). A connection that breaks while in use invalidates the pool as before.
"""

import time
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

BUSY_TIMEOUT_MS = 5000
#: Execution option of a connection whose transaction only reads (``SqlUnitOfWork.reading``).
READS_ONLY = "attunement_reads_only"
#: A pooled connection idle at least this long is pinged at checkout; a busy one is not.
PING_AFTER_IDLE_S = 30.0
#: Where a pooled connection keeps the monotonic time it was last given back.
_RETURNED_AT = "attunement_returned_at"


def make_engine(url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine for ``url`` (``sqlite:///…`` or ``postgresql+psycopg://…``).

    ``busy_timeout_ms`` is how long a SQLite writer waits for the write lock before the
    "database is locked" error (which the web app answers with 503, issue 7).
    """
    if make_url(url).get_backend_name() != "sqlite":
        engine = create_engine(url, isolation_level="READ COMMITTED")
        ping_when_idle(engine)
        event.listen(engine, "before_cursor_execute", _refuse_writes_when_reading)
        return engine
    engine = create_engine(url, connect_args={"check_same_thread": False})

    def configure(dbapi_connection: Any, _record: object) -> None:
        _configure_sqlite(dbapi_connection, busy_timeout_ms)

    event.listen(engine, "connect", configure)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def reading_options(bind: Engine | Connection) -> dict[str, object]:
    """The execution options of a connection for a unit of work that only reads.

    SQLite: a plain ``BEGIN`` (see ``_begin_immediate``). PostgreSQL: autocommit, no
    transaction at all; at READ COMMITTED a read inside one sees nothing more consistent.
    """
    if bind.dialect.name == "sqlite":
        return {READS_ONLY: True}
    return {READS_ONLY: True, "isolation_level": "AUTOCOMMIT"}


def ping_when_idle(engine: Engine, *, idle_s: float = PING_AFTER_IDLE_S) -> None:
    """Ping a pooled connection at checkout once it has been idle ``idle_s``; else trust it.

    A ping that finds the connection gone raises ``DisconnectionError``, on which the pool
    drops it and hands out a fresh one, as ``pool_pre_ping`` does.
    """
    dialect = engine.dialect

    def returned(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info[_RETURNED_AT] = time.monotonic()

    def checked_out(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: object) -> None:
        returned_at = record.info.get(_RETURNED_AT)
        if returned_at is None or time.monotonic() - returned_at < idle_s:
            return  # new, or back from a request moments ago
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                raise DisconnectionError(str(error)) from error
            raise

    event.listen(engine, "checkin", returned)
    event.listen(engine, "checkout", checked_out)


def _refuse_writes_when_reading(
    connection: Connection, _cursor: object, statement: str, *_args: object
) -> None:
    """Without a transaction to roll back, a reading unit's stray write would stay: refuse it."""
    if connection.get_execution_options().get(READS_ONLY) and not _is_select(statement):
        raise RuntimeError("a unit of work that only reads cannot write")


def _is_select(statement: str) -> bool:
    return statement.lstrip()[:6].upper() == "SELECT"


def is_busy(error: BaseException) -> bool:
    """Whether ``error`` is SQLite's "database is locked": a writer waited out the busy timeout.

    Nothing of the failed transaction was saved, so the same change may simply be sent again.
    """
    if not isinstance(error, OperationalError):
        return False
    name = getattr(error.orig, "sqlite_errorname", "")
    return isinstance(name, str) and name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def make_session_factory(engine: Engine | Connection) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit, so results outlive the unit of work."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def _configure_sqlite(dbapi_connection: Any, busy_timeout_ms: int) -> None:
    # Leave transaction control to SQLAlchemy ("begin" below) instead of pysqlite's own.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    finally:
        cursor.close()


def _begin_immediate(connection: Connection) -> None:
    if connection.get_execution_options().get(READS_ONLY):
        connection.exec_driver_sql("BEGIN")
        return
    connection.exec_driver_sql("BEGIN IMMEDIATE")
