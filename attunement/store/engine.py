"""Engines and sessions for SQLite (the default) and PostgreSQL (architecture.md, Scale).

SQLite runs in WAL mode with ``synchronous=FULL`` so an acknowledged turn survives a power cut,
with foreign keys enforced and a busy timeout instead of instant "database is locked". Every
SQLite transaction starts with ``BEGIN IMMEDIATE``: nearly every request writes (a session's
last-seen time at least), and taking the write lock up front lets the busy timeout queue
writers, where a deferred read-then-write would fail at once when another writer got in first.
"""

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (``sqlite:///…`` or ``postgresql+psycopg://…``)."""
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def make_session_factory(engine: Engine | Connection) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit, so results outlive the unit of work."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def _configure_sqlite(dbapi_connection: Any, _record: object) -> None:
    # Leave transaction control to SQLAlchemy ("begin" below) instead of pysqlite's own.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _begin_immediate(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")
