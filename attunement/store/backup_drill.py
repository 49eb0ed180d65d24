"""The PostgreSQL backup/restore drill (issue 7, item 4): a backup is only as good as a restore.

``run_drill`` dumps the database with ``pg_dump`` (custom format), restores the dump into a
fresh, empty database with ``pg_restore``, and compares every table in both: its row count and
an MD5 over its rows, each row hashed as text and the hashes sorted, so the fingerprint needs no
primary key and no particular order. The source side is hashed inside the very snapshot the dump
is taken from (``pg_export_snapshot``), so a live server writing during the drill cannot make
the two sides differ. The fresh database is dropped afterwards unless asked to keep it.
"""

import secrets
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import URL, make_url

TABLES = text(
    "SELECT table_name FROM information_schema.tables "
    "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
)
#: A table's fingerprint; ``{table}`` is a name read from the catalogue, then quoted.
HASH_ROWS = (
    "SELECT count(*), md5(coalesce(string_agg(h, '' ORDER BY h), '')) "
    "FROM (SELECT md5(t::text) AS h FROM {table} AS t) AS rows"
)
TOOL_TIMEOUT_SECONDS = 600


@dataclass(frozen=True, slots=True)
class TableHash:
    rows: int
    md5: str


@dataclass(frozen=True, slots=True)
class DrillReport:
    source: dict[str, TableHash]
    restored: dict[str, TableHash]
    restored_database: str

    def differences(self) -> list[str]:
        """One line per table that is missing, extra or different after the restore."""
        lines = []
        for table in sorted(self.source.keys() | self.restored.keys()):
            before, after = self.source.get(table), self.restored.get(table)
            if before != after:
                lines.append(f"{table}: backed up {before}, restored {after}")
        return lines


def libpq_url(url: URL) -> str:
    """The URL as pg_dump and pg_restore take it (no SQLAlchemy driver suffix)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def table_hashes(connection: Connection) -> dict[str, TableHash]:
    """Row count and order-free MD5 of every table in the public schema."""
    hashes = {}
    for table in connection.execute(TABLES).scalars():
        quoted = connection.dialect.identifier_preparer.quote(table)
        rows, digest = connection.exec_driver_sql(HASH_ROWS.format(table=quoted)).one()
        hashes[table] = TableHash(rows, digest)
    return hashes


def run_drill(database_url: str, *, keep: bool = False) -> DrillReport:
    """Dump ``database_url``, restore into a fresh database, and hash both sides."""
    source = make_url(database_url)
    fresh = f"{source.database}_drill_{secrets.token_hex(4)}"
    with tempfile.TemporaryDirectory(prefix="attunement-drill-") as folder:
        dump = Path(folder) / "backup.dump"
        before = _dump_in_one_snapshot(source, dump)
        _create_database(source, fresh)
        try:
            _run(["pg_restore", "--no-owner", "--exit-on-error", "-d",
                  libpq_url(source.set(database=fresh)), str(dump)])  # fmt: skip
            after = hashes_of(source.set(database=fresh))
        finally:
            if not keep:
                drop_database(source, fresh)
    return DrillReport(before, after, fresh)


def hashes_of(url: URL) -> dict[str, TableHash]:
    """The table hashes of the database at ``url``."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return table_hashes(connection)
    finally:
        engine.dispose()


def drop_database(server: URL, name: str) -> None:
    """Drop the drill's database (``WITH (FORCE)``: nothing else should be connected)."""
    _autocommit(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _dump_in_one_snapshot(source: URL, dump: Path) -> dict[str, TableHash]:
    """Hash the tables and dump them from one exported snapshot."""
    engine = create_engine(source, isolation_level="REPEATABLE READ")
    try:
        with engine.connect() as connection, connection.begin():
            snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            hashes = table_hashes(connection)
            _run(["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot}",
                  "-f", str(dump), libpq_url(source)])  # fmt: skip
        return hashes
    finally:
        engine.dispose()


def _create_database(server: URL, name: str) -> None:
    _autocommit(server, f'CREATE DATABASE "{name}"')


def _autocommit(server: URL, statement: str) -> None:
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def _run(command: list[str]) -> None:
    """Run a PostgreSQL client tool; its own message is kept if it fails."""
    subprocess.run(  # noqa: S603 - fixed tool names, arguments built here
        command, check=True, capture_output=True, text=True, timeout=TOOL_TIMEOUT_SECONDS
    )
