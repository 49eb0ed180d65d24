"""A therapist's side of the work: invitations, homework, alerts, notes and the self-check.

- **Invitation** (security-reference.md, "Therapist scoping"): a couple links a therapist only by
  handing over a one-time code: 128 random bits, stored as a digest, single use, a short expiry.
  A wrong, used or expired code all get the same answer, so a guess learns nothing.
- **Homework**: an exercise the therapist asks the couple to do by a date. The kind is a plain
  string enum that grows as exercises arrive (issue 4 adds more).
- **Alerts** for the dashboard (domain.md §5.3, §4.6): a safety hold shows only as a neutral
  "needs your attention": who raised it and why are not the dashboard's to tell.
- **Session notes** and the **self-check** are the therapist's alone (security-reference.md:
  psychotherapy notes are kept apart). The self-check asks which of the therapist's own parts
  were stirred, and where they felt *with* the couple (resonance that can blur whose feeling is
  whose) rather than *for* them (steady compassion), after IFS supervision practice (§6.4).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Final

from attunement.domain.change import Track, TrackStatus
from attunement.domain.errors import InvalidInput
from attunement.domain.ids import CoupleId, PersonId

CODE_BYTES: Final = 16  # 128 bits
CODE_LIFETIME: Final = timedelta(days=7)
MAX_NOTE: Final = 5000
MAX_SELF_CHECK: Final = 2000
MAX_HOMEWORK_NOTE: Final = 500
_LOOKALIKES: Final = str.maketrans({"0": "O", "1": "I", "8": "B"})


def format_code(raw: bytes) -> str:
    """Random bytes as a code a person can read out: base32 in dash-separated groups of four."""
    letters = base64.b32encode(raw).decode("ascii").rstrip("=")
    return "-".join(letters[n : n + 4] for n in range(0, len(letters), 4))


def code_digest(code: str) -> str:
    """What is stored for a code: the digest of its letters, ignoring case, spaces and dashes.

    Only the digest is kept, so a copy of the database cannot be used to join a couple.
    """
    letters = "".join(code.split()).replace("-", "").upper().translate(_LOOKALIKES)
    return hashlib.sha256(letters.encode("ascii", "replace")).hexdigest()


@dataclass(frozen=True, slots=True)
class Invitation:
    couple: CoupleId
    digest: str
    created_by: PersonId
    created_at: datetime
    redeemed_by: PersonId | None = None
    redeemed_at: datetime | None = None

    def expires_at(self) -> datetime:
        """When the code stops working if nobody used it."""
        return self.created_at + CODE_LIFETIME

    def redeem(self, therapist: PersonId, at: datetime) -> Invitation:
        """Use the code once, as ``therapist``.

        Raises:
            InvalidInput: the code was already used or has expired (the same words as a wrong code).
        """
        if self.redeemed_by is not None or at >= self.expires_at():
            raise InvalidInput("therapist.code_not_valid")
        return replace(self, redeemed_by=therapist, redeemed_at=at)


class HomeworkKind(StrEnum):
    """Exercises a therapist can set as homework; one member per exercise that exists."""

    COUPLES_DIALOGUE = "couples_dialogue"


@dataclass(frozen=True, slots=True)
class Homework:
    """An exercise set for a couple (the store keeps which couple) to do by ``due``."""

    kind: HomeworkKind
    due: date
    note: str
    assigned_by: PersonId
    assigned_at: datetime
    done_at: datetime | None = None

    def overdue(self, today: date) -> bool:
        """A commitment missed: not done and its day has passed."""
        return self.done_at is None and today > self.due


def set_homework(kind: str, due: date, note: str, *, by: PersonId, at: datetime) -> Homework:
    """Check and build a homework assignment.

    Raises:
        InvalidInput: an unknown exercise, a due date already past, or a note too long.
    """
    try:
        exercise = HomeworkKind(kind)
    except ValueError:
        raise InvalidInput("homework.unknown_kind") from None
    if due < at.date():
        raise InvalidInput("homework.due_in_past")
    note = note.strip()
    if len(note) > MAX_HOMEWORK_NOTE:
        raise InvalidInput("error.too_long", limit=MAX_HOMEWORK_NOTE)
    return Homework(exercise, due, note, assigned_by=by, assigned_at=at)


class Alert(StrEnum):
    NEEDS_ATTENTION = "needs_attention"  # a safety hold, said neutrally (domain.md §4.6)
    NOT_ON_TRACK = "not_on_track"
    ALLIANCE_CONCERN = "alliance_concern"
    MISSED_HOMEWORK = "missed_homework"


def couple_alerts(
    *, held: bool, tracks: Iterable[TrackStatus], homework: Iterable[Homework], today: date
) -> tuple[Alert, ...]:
    """The dashboard's alerts for one couple, most urgent first, each at most once."""
    statuses = {track.status for track in tracks}
    found = [
        (held, Alert.NEEDS_ATTENTION),
        (Track.NOT_ON_TRACK in statuses, Alert.NOT_ON_TRACK),
        (Track.ALLIANCE_CONCERN in statuses, Alert.ALLIANCE_CONCERN),
        (any(h.overdue(today) for h in homework), Alert.MISSED_HOMEWORK),
    ]
    return tuple(alert for present, alert in found if present)


def check_note(text: str) -> str:
    """A session note's text, trimmed.

    Raises:
        InvalidInput: the note is empty or too long.
    """
    text = text.strip()
    if not text:
        raise InvalidInput("error.empty")
    if len(text) > MAX_NOTE:
        raise InvalidInput("error.too_long", limit=MAX_NOTE)
    return text


@dataclass(frozen=True, slots=True)
class SelfCheck:
    """The therapist's own reflection after a session; nobody else ever reads it."""

    parts_stirred: str
    felt_with: str
    back_to_self: str

    @classmethod
    def written(cls, parts_stirred: str, felt_with: str, back_to_self: str) -> SelfCheck:
        """Check the three answers; at least one must say something.

        Raises:
            InvalidInput: all three are empty, or one is too long.
        """
        answers = [parts_stirred.strip(), felt_with.strip(), back_to_self.strip()]
        if not any(answers):
            raise InvalidInput("error.empty")
        if any(len(answer) > MAX_SELF_CHECK for answer in answers):
            raise InvalidInput("error.too_long", limit=MAX_SELF_CHECK)
        return cls(*answers)
