"""The clock port: the domain and the services never read the time themselves (style.md §4).

Passing a ``Clock`` in keeps expiry rules testable with a clock a test can move.
"""

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...
