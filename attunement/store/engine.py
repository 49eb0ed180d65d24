"""Engines and sessions for SQLite (the default) and PostgreSQL (architecture.md, Scale).

SQLite runs in WAL mode with ``synchronous=FULL`` so an acknowledged turn survives a power cut,
with foreign keys enforced and a busy timeout instead of instant "database is locked". Every
SQLite transaction that may write starts with ``BEGIN IMMEDIATE``: taking the write lock up
front lets the busy timeout queue writers, where a deferred read-then-write would fail at once
when another writer got in first. A unit of work that only reads (``READS_ONLY``, issue 7) starts
with a plain ``BEGIN``: in WAL mode it reads a snapshot beside the one writer instead of queueing
behind it for the lock.
"""

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000
#: Execution option of a connection whose transaction only reads (``SqlUnitOfWork.reading``).
READS_ONLY = "attunement_reads_only"


def make_engine(url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine for ``url`` (``sqlite:///…`` or ``postgresql+psycopg://…``).

    ``busy_timeout_ms`` is how long a SQLite writer waits for the write lock before the
    "database is locked" error (which the web app answers with 503, issue 7).
    """
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"check_same_thread": False})

    def configure(dbapi_connection: Any, _record: object) -> None:
        _configure_sqlite(dbapi_connection, busy_timeout_ms)

    event.listen(engine, "connect", configure)
    event.listen(engine, "begin", _begin_immediate)
    return engine


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
