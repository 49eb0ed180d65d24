"""Counting SQL statements, to pin how many queries a screen costs (style.md §6, zulip)."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event


class QueryLog:
    """Statements sent to an engine while recording; BEGIN and COMMIT count too."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)

    def reset(self) -> None:
        self.statements.clear()

    def _record(self, _conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        self.statements.append(statement)


@contextmanager
def recording(engine: Engine) -> Iterator[QueryLog]:
    """A ``QueryLog`` of what ``engine`` executes inside the block."""
    log = QueryLog()
    event.listen(engine, "before_cursor_execute", log._record)
    try:
        yield log
    finally:
        event.remove(engine, "before_cursor_execute", log._record)


@contextmanager
def recording_every_engine() -> Iterator[QueryLog]:
    """A ``QueryLog`` of every engine in this process, such as the one an app made for itself."""
    log = QueryLog()
    event.listen(Engine, "before_cursor_execute", log._record)
    try:
        yield log
    finally:
        event.remove(Engine, "before_cursor_execute", log._record)
