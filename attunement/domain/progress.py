"""Progress over the weeks: scores side by side, the gap between partners, skill curves.

Everything is per person and per week (weeks start on Monday, in UTC). Two partners are shown
side by side and never averaged (domain.md §5.2): the gap between them is information for the
couple and their therapist, not a score to argue about (§5.1). Skill curves read the feedback
engine's stored turn analyses (architecture.md's contract): how well mirrors matched, how often
validation and empathy were present and strong, and how often a turn carried one of the four
horsemen (domain.md §6.1-6.6).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from statistics import fmean

from attunement.domain.analysis import ResponseAnalysis, TurnAnalysis

Point = tuple[date, float]


def week_of(moment: datetime) -> date:
    """The Monday that starts ``moment``'s week."""
    day = moment.date()
    return day - timedelta(days=day.weekday())


def weekly(scores: Iterable[tuple[datetime, float | None]]) -> list[Point]:
    """One point per week, oldest first; a week answered twice keeps its latest scored answer."""
    latest: dict[date, tuple[datetime, float]] = {}
    for at, value in scores:
        week = week_of(at)
        if value is not None and (week not in latest or latest[week][0] <= at):
            latest[week] = (at, value)
    return [(week, latest[week][1]) for week in sorted(latest)]


def partner_gaps(first: Sequence[Point], second: Sequence[Point]) -> list[Point]:
    """The distance between two partners' scores in each week both of them answered."""
    theirs = dict(second)
    return [(week, abs(value - theirs[week])) for week, value in first if week in theirs]


@dataclass(frozen=True, slots=True)
class SkillWeek:
    """One person's feedback averages in one week; None where the week had nothing to judge."""

    week: date
    turns: int
    mirror: float | None
    validation: float | None
    empathy: float | None
    horsemen_rate: float | None


class Skill(StrEnum):
    """Which listening skill a reply practised; it decides which score of the reply counts."""

    MIRROR = "mirror"
    VALIDATION = "validation"
    EMPATHY = "empathy"


@dataclass(frozen=True, slots=True)
class JudgedTurn:
    """One stored turn as the skill curves need it: when, what it practised, what was found."""

    at: datetime
    analysis: TurnAnalysis
    skill: Skill | None = None  # None for turns that only speak (a chunk, an appreciation)


def skill_curves(turns: Iterable[JudgedTurn]) -> list[SkillWeek]:
    """Weekly skill averages from one person's analysed turns, oldest week first.

    ``mirror``, ``validation`` and ``empathy`` are mean scores over the replies that practised
    that skill; ``horsemen_rate`` is the share of all the person's turns with a horseman present.
    """
    by_week: dict[date, list[JudgedTurn]] = defaultdict(list)
    for turn in turns:
        by_week[week_of(turn.at)].append(turn)
    return [_skill_week(week, by_week[week]) for week in sorted(by_week)]


def _skill_week(week: date, turns: Sequence[JudgedTurn]) -> SkillWeek:
    with_horsemen = sum(1 for t in turns if t.analysis.utterance.horsemen.present())
    return SkillWeek(
        week=week,
        turns=len(turns),
        mirror=_mean(r.mirror.score for r in _replies(turns, Skill.MIRROR)),
        validation=_mean(r.validation.score for r in _replies(turns, Skill.VALIDATION)),
        empathy=_mean(r.empathy.score for r in _replies(turns, Skill.EMPATHY)),
        horsemen_rate=with_horsemen / len(turns),
    )


def _replies(turns: Sequence[JudgedTurn], skill: Skill) -> list[ResponseAnalysis]:
    found = (t.analysis.response for t in turns if t.skill is skill)
    return [response for response in found if response is not None]


def _mean(values: Iterable[float]) -> float | None:
    found = list(values)
    return fmean(found) if found else None
