"""Reliable change, clinical significance and "not on track" (domain.md §5.2, §5.3).

``change_result`` is Jacobson & Truax (1991): RC = (x2 - x1) / S_diff, reliable when |RC| > 1.96;
recovered when the reliable improvement also crosses the cut-off into the functional range.

The track rules are **heuristics**, labelled as such wherever they are shown: expected-trajectory
tables belong to the owners of licensed instruments and we do not invent them (§5.3). A person is
*not on track* when their score fell reliably (from their first check-in or since the last one),
or when by their fourth check-in there is still no reliable improvement although they started on
the clinical side of a cut-off. A session rating below the instrument's ``concern_below``, or one
that fell reliably since the last session, is an *alliance concern*. A couple needs attention
when **either** partner does: two people are never averaged into one (§5.2, Gehlert et al.).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from attunement.domain.measures import Direction, Instrument

RELIABLE_Z = 1.96
ROUNDING = 1e-9  # a change exactly at the published minimum is not "more than" it, float or not
CHECK_INS_TO_SHOW_GAIN = 4  # §5.3's example heuristic: "no reliable improvement by session 4"


class ChangeCategory(StrEnum):
    RECOVERED = "recovered"
    IMPROVED = "improved"
    UNCHANGED = "unchanged"
    DETERIORATED = "deteriorated"


class Track(StrEnum):
    ON_TRACK = "on_track"
    NOT_ON_TRACK = "not_on_track"
    ALLIANCE_CONCERN = "alliance_concern"


class TrackReason(StrEnum):
    TOO_EARLY = "too_early"
    NO_RULE = "no_rule"  # the instrument carries no reliable-change figure to judge by
    STEADY = "steady"
    FELL_FROM_START = "fell_from_start"
    FELL_SINCE_LAST = "fell_since_last"
    NO_GAIN_YET = "no_gain_yet"
    LOW_RATING = "low_rating"


@dataclass(frozen=True, slots=True)
class ChangeResult:
    """Change from ``baseline`` to ``latest`` on one instrument (domain.md §3.5)."""

    baseline: float
    latest: float
    rc: float
    reliable: bool
    crossed_cutoff: bool
    category: ChangeCategory
    method: str


@dataclass(frozen=True, slots=True)
class TrackStatus:
    """Where one person stands after their ``check_in_no``-th scored answer (domain.md §3.5)."""

    check_in_no: int
    observed: float | None
    status: Track
    reason: TrackReason


def cutoff_between(clinical: tuple[float, float], community: tuple[float, float]) -> float:
    """Cut-off c between a clinical and a community sample, each given as (mean, sd).

    c = (s0·M1 + s1·M0) / (s0 + s1): each mean weighted by the *other* group's spread (§5.2).
    """
    (m1, s1), (m0, s0) = clinical, community
    return (s0 * m1 + s1 * m0) / (s0 + s1)


def functional(instrument: Instrument, value: float) -> bool:
    """Whether ``value`` lies on the functional side of the instrument's cut-off."""
    if instrument.cutoff is None:
        return False
    if instrument.direction is Direction.HIGHER_IS_BETTER:
        return value > instrument.cutoff.value
    return value < instrument.cutoff.value


def change_result(instrument: Instrument, baseline: float, latest: float) -> ChangeResult | None:
    """Classify the change from ``baseline`` to ``latest``; None without a reliable-change rule."""
    rule = instrument.reliable_change
    if rule is None:
        return None
    rc = (latest - baseline) / rule.s_diff()
    reliable = abs(rc) > RELIABLE_Z + ROUNDING
    crossed = not functional(instrument, baseline) and functional(instrument, latest)
    return ChangeResult(
        baseline=baseline,
        latest=latest,
        rc=rc,
        reliable=reliable,
        crossed_cutoff=crossed,
        category=_category(instrument.better(rc), reliable=reliable, crossed=crossed),
        method=f"Jacobson-Truax ({rule.basis})",
    )


def _category(gain: float, *, reliable: bool, crossed: bool) -> ChangeCategory:
    if not reliable:
        return ChangeCategory.UNCHANGED
    if gain < 0:
        return ChangeCategory.DETERIORATED
    return ChangeCategory.RECOVERED if crossed else ChangeCategory.IMPROVED


def outcome_track(instrument: Instrument, totals: Sequence[float | None]) -> TrackStatus:
    """Apply the not-on-track heuristic to one person's totals, oldest first (None = unscored)."""
    scored = [total for total in totals if total is not None]
    count = len(scored)
    latest = scored[-1] if scored else None
    if count < 2:
        return TrackStatus(count, latest, Track.ON_TRACK, TrackReason.TOO_EARLY)
    if instrument.reliable_change is None:
        return TrackStatus(count, latest, Track.ON_TRACK, TrackReason.NO_RULE)
    reason = _fall(instrument, scored) or _no_gain(instrument, scored)
    if reason is None:
        return TrackStatus(count, latest, Track.ON_TRACK, TrackReason.STEADY)
    return TrackStatus(count, latest, Track.NOT_ON_TRACK, reason)


def _fall(instrument: Instrument, scored: Sequence[float]) -> TrackReason | None:
    pairs = ((scored[0], TrackReason.FELL_FROM_START), (scored[-2], TrackReason.FELL_SINCE_LAST))
    for before, reason in pairs:
        result = change_result(instrument, before, scored[-1])
        if result is not None and result.category is ChangeCategory.DETERIORATED:
            return reason
    return None


def _no_gain(instrument: Instrument, scored: Sequence[float]) -> TrackReason | None:
    if len(scored) < CHECK_INS_TO_SHOW_GAIN or instrument.cutoff is None:
        return None
    if functional(instrument, scored[0]):
        return None  # started in the functional range: holding steady is fine
    result = change_result(instrument, scored[0], scored[-1])
    improved = result is not None and result.reliable and instrument.better(result.rc) > 0
    return None if improved else TrackReason.NO_GAIN_YET


def alliance_track(instrument: Instrument, totals: Sequence[float | None]) -> TrackStatus:
    """Flag a low or reliably falling session rating as an alliance concern (§5.3)."""
    scored = [total for total in totals if total is not None]
    count = len(scored)
    if not scored:
        return TrackStatus(0, None, Track.ON_TRACK, TrackReason.TOO_EARLY)
    latest = scored[-1]
    if instrument.concern_below is not None and latest < instrument.concern_below:
        return TrackStatus(count, latest, Track.ALLIANCE_CONCERN, TrackReason.LOW_RATING)
    if count >= 2:
        result = change_result(instrument, scored[-2], latest)
        if result is not None and result.category is ChangeCategory.DETERIORATED:
            return TrackStatus(count, latest, Track.ALLIANCE_CONCERN, TrackReason.FELL_SINCE_LAST)
    return TrackStatus(count, latest, Track.ON_TRACK, TrackReason.STEADY)


def needs_attention(statuses: Iterable[TrackStatus]) -> bool:
    """True when anyone's status is off track: either partner is enough (§5.3)."""
    return any(status.status is not Track.ON_TRACK for status in statuses)
