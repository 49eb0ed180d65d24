"""Pieces the guided inner-work exercises share (domain.md §2.6 to §2.11): words and pauses.

The IFS and IFIO machines are each a table of arrows like the Couple's Dialogue's; what they have
in common — whether a move carries words, how long they may be, and the pause that returns to
the exact step it left (§0.1) — lives here so that no exercise imports another.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from attunement.domain.errors import InvalidInput, MoveNotAllowed

MAX_WORDS = 2000  # an answer is a few sentences; a page belongs in a journal


class Words(StrEnum):
    """Whether a move carries words, and whether they may be left out."""

    NONE = "none"
    REQUIRED = "required"
    OPTIONAL = "optional"


def check_words(rule: Words, text: str | None, *, limit: int = MAX_WORDS) -> str | None:
    """The stripped words a move carries; refuse missing, blank or overlong ones.

    Raises:
        InvalidInput: ``turn.empty`` or ``turn.too_long`` (the dialogue's keys, same words).
    """
    words = (text or "").strip()
    if rule is Words.REQUIRED and not words:
        raise InvalidInput("turn.empty")
    if len(words) > limit:
        raise InvalidInput("turn.too_long", limit=limit, length=len(words))
    if rule is Words.NONE:
        return None
    return words or None


def refuse(step: StrEnum, move: StrEnum) -> MoveNotAllowed:
    """The refusal for a move that is not an arrow out of ``step``."""
    return MoveNotAllowed(step=step.value, move=move.value)


S = TypeVar("S", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class Interrupts(Generic[S]):
    """Pause, resume and abandon: whoever may move may always stop or take a break (§0.1).

    A pause returns to the exact step it left, so nothing said so far is lost; abandoning is
    allowed while paused, and nothing moves a finished run.
    """

    paused: S
    abandoned: S
    finished: frozenset[S]

    def apply(self, step: S, resumes_at: S | None, move: str) -> tuple[S, S | None]:
        """The step and resume point after ``move`` ("pause", "resume" or "abandon").

        Raises:
            MoveNotAllowed: resuming what is not paused, pausing twice, or a finished run.
        """
        is_paused = step is self.paused
        if step in self.finished or (move != "abandon" and (move == "resume") != is_paused):
            raise MoveNotAllowed(step=step.value, move=move)
        if move == "pause":
            return self.paused, step
        if move != "resume":
            return self.abandoned, None
        if resumes_at is None:
            raise MoveNotAllowed(step=step.value, move=move)
        return resumes_at, None

    def offered(self, step: S) -> list[str]:
        """The interrupt moves open at ``step``, in the order screens show them."""
        if step in self.finished:
            return []
        return ["resume" if step is self.paused else "pause", "abandon"]
