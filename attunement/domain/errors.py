"""The one family of expected refusals (style.md §5).

Each refusal carries a ``message_key`` (never finished text) that ``web/messages.py`` and the CLI
turn into words, plus small named parameters for those words::

    AttunementError
    ├── NotFound            missing, or not yours: the two are indistinguishable (404)
    ├── InvalidInput        the text or value offered cannot be used (422)
    ├── PausedForSafety     joint work is held; nothing moves until a person reopens it (409)
    ├── StaleView           the screen was made before the latest move (409)
    └── MoveNotAllowed      not a legal move at this step (409)
        └── NotYourMove     a legal move, but the other person's to make (409)

Bugs are not in the family: they surface as a neutral 500 with a reference id.
"""

from collections.abc import Mapping
from types import MappingProxyType


class AttunementError(Exception):
    """An expected refusal, named by a message key."""

    default_key = "error.refused"

    def __init__(self, message_key: str | None = None, **params: str | int) -> None:
        self.message_key = message_key or self.default_key
        self.params: Mapping[str, str | int] = MappingProxyType(dict(params))
        super().__init__(self.message_key)


class NotFound(AttunementError):
    default_key = "error.not_found"


class InvalidInput(AttunementError):
    default_key = "error.invalid_input"


class PausedForSafety(AttunementError):
    default_key = "error.paused"


class StaleView(AttunementError):
    default_key = "error.stale"


class MoveNotAllowed(AttunementError):
    default_key = "dialogue.move_not_allowed"


class NotYourMove(MoveNotAllowed):
    default_key = "dialogue.not_your_move"
