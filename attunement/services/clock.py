"""The real clock, for the web app and the CLI; tests pass a clock they can move."""

from datetime import UTC, datetime


class SystemClock:
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        return datetime.now(UTC)


SYSTEM_CLOCK = SystemClock()
