"""A chosen request as a commitment with dates and check-ins (domain.md §2.3 FOLLOW_UP, §3.3).

The giver's gift runs from the day it was confirmed until the request's own horizon ("for the
next four weeks"), with a check-in every week and one on the last day. Either partner may record
how a check-in went — done, partly or not yet — with a short note; both see the same log. The
log is for noticing what *was* given, so it keeps no score and records no blame.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from attunement.domain.errors import InvalidInput, NotYourMove
from attunement.domain.ids import PersonId
from attunement.domain.requests import horizon_days

DEFAULT_HORIZON_DAYS = 28  # used only when a confirmed request does not say for how long
CHECK_IN_EVERY_DAYS = 7
MAX_NOTE = 500


class CheckIn(StrEnum):
    DONE = "done"
    PARTLY = "partly"
    NOT_YET = "not_yet"


@dataclass(frozen=True, slots=True)
class FollowUp:
    day: date
    status: CheckIn
    by: PersonId
    note: str = ""


@dataclass(frozen=True, slots=True)
class Commitment:
    """What the giver agreed to give, from when to when, and how each check-in went."""

    requester: PersonId
    giver: PersonId
    request: str
    restatement: str
    starts_on: date
    ends_on: date
    follow_ups: tuple[FollowUp, ...] = ()

    @classmethod
    def begin(
        cls, *, requester: PersonId, giver: PersonId, request: str, restatement: str, on: date
    ) -> Commitment:
        """A commitment confirmed on ``on``, running for the request's horizon in days."""
        horizon = horizon_days(request)
        return cls(
            requester=requester,
            giver=giver,
            request=request,
            restatement=restatement,
            starts_on=on,
            ends_on=on + timedelta(days=horizon or DEFAULT_HORIZON_DAYS),
        )

    def check_in_days(self) -> list[date]:
        """Every planned check-in: each week from the start, and the last day."""
        days = []
        day = self.starts_on + timedelta(days=CHECK_IN_EVERY_DAYS)
        while day < self.ends_on:
            days.append(day)
            day += timedelta(days=CHECK_IN_EVERY_DAYS)
        return [*days, self.ends_on]

    def next_check_in(self, today: date) -> date | None:
        """The first planned check-in on or after ``today``; None once the horizon has passed."""
        return next((day for day in self.check_in_days() if day >= today), None)

    def record(self, follow_up: FollowUp, *, today: date) -> Commitment:
        """Add one check-in made by either partner, for today or a day already passed.

        Raises:
            NotYourMove: ``by`` is neither the requester nor the giver.
            InvalidInput: a day outside the commitment or in the future, a repeat of the same
                person's check-in for that day, or a note that is too long.
        """
        if follow_up.by not in (self.requester, self.giver):
            raise NotYourMove(step="FOLLOW_UP")
        if not self.starts_on <= follow_up.day <= min(today, self.ends_on):
            raise InvalidInput("commitment.day_outside")
        if len(follow_up.note) > MAX_NOTE:
            raise InvalidInput("turn.too_long", limit=MAX_NOTE, length=len(follow_up.note))
        if any(f.day == follow_up.day and f.by == follow_up.by for f in self.follow_ups):
            raise InvalidInput("commitment.already_recorded")
        return replace(self, follow_ups=(*self.follow_ups, follow_up))

    def is_over(self, today: date) -> bool:
        """True once the agreed horizon has passed (a new run can renew or replace it)."""
        return today > self.ends_on
