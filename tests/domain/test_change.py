"""Reliable change (Jacobson & Truax), clinical significance and the track heuristics (§5.2-5.3)."""

import math
from dataclasses import replace

import pytest

from attunement.domain.change import (
    ChangeCategory,
    Track,
    TrackReason,
    TrackStatus,
    alliance_track,
    change_result,
    cutoff_between,
    needs_attention,
    outcome_track,
)
from attunement.domain.measures import (
    CutOff,
    Direction,
    Instrument,
    Item,
    Purpose,
    ReliableChange,
    ResponseScale,
)

WORKED = ReliableChange(basis="worked example", sd=9.0, reliability=0.90)


def satisfaction(**changes) -> Instrument:
    """The illustrative scale of domain.md §5.2's worked example (higher = better)."""
    base = Instrument(
        code="sat",
        name="Satisfaction",
        construct="relationship satisfaction",
        purpose=Purpose.OUTCOME,
        validated=True,
        notice="licensed",
        licence="clinic",
        scale=ResponseScale(0, 10),
        items=tuple(Item(f"i{n}", f"item {n}") for n in range(8)),
        cutoff=CutOff(cutoff_between((35, 9), (58, 7)), "norms"),
        reliable_change=WORKED,
    )
    return replace(base, **changes)


def test_the_cutoff_weights_each_mean_by_the_other_groups_spread():
    assert cutoff_between((35, 9), (58, 7)) == pytest.approx(767 / 16)  # 47.94


def test_the_standard_error_of_a_difference_matches_the_worked_example():
    assert WORKED.s_diff() == pytest.approx(4.025, abs=1e-3)
    assert WORKED.smallest_reliable_change() == pytest.approx(7.89, abs=1e-2)


def test_sam_from_40_to_55_has_recovered():
    result = change_result(satisfaction(), 40, 55)

    assert result is not None
    assert result.rc == pytest.approx(15 / math.sqrt(2 * 81 * 0.1))  # 3.73
    assert result.reliable
    assert result.crossed_cutoff
    assert result.category is ChangeCategory.RECOVERED


def test_alex_from_42_to_47_is_unchanged_although_the_score_rose():
    result = change_result(satisfaction(), 42, 47)

    assert result is not None
    assert result.rc == pytest.approx(1.24, abs=1e-2)
    assert not result.reliable
    assert result.category is ChangeCategory.UNCHANGED


def test_a_reliable_gain_that_stays_below_the_cutoff_is_improved():
    result = change_result(satisfaction(), 20, 35)

    assert result is not None
    assert result.category is ChangeCategory.IMPROVED
    assert not result.crossed_cutoff


def test_a_reliable_fall_is_deteriorated():
    result = change_result(satisfaction(), 55, 40)

    assert result is not None
    assert result.category is ChangeCategory.DETERIORATED


def test_the_published_rdas_anchor_from_40_to_53_is_recovered():
    rdas = satisfaction(
        cutoff=CutOff(47.31, "Anderson et al. 2014"),
        reliable_change=ReliableChange("Anderson et al. 2014", minimum_change=11.58),
    )

    result = change_result(rdas, 40, 53)

    assert result is not None
    assert result.category is ChangeCategory.RECOVERED
    assert result.method == "Jacobson-Truax (Anderson et al. 2014)"


def test_a_change_exactly_at_the_minimum_is_not_reliable():
    rule = satisfaction(reliable_change=ReliableChange("heuristic", minimum_change=6))

    at_minimum = change_result(rule, 30, 36)
    just_over = change_result(rule, 30, 36.5)

    assert at_minimum is not None
    assert not at_minimum.reliable
    assert just_over is not None
    assert just_over.reliable


def test_when_lower_is_better_a_reliable_drop_is_recovery():
    burnout = satisfaction(direction=Direction.LOWER_IS_BETTER, cutoff=CutOff(30, "norms"))

    result = change_result(burnout, 45, 20)

    assert result is not None
    assert result.category is ChangeCategory.RECOVERED


def test_when_lower_is_better_a_reliable_rise_is_deterioration():
    burnout = satisfaction(direction=Direction.LOWER_IS_BETTER, cutoff=None)

    result = change_result(burnout, 20, 45)

    assert result is not None
    assert result.category is ChangeCategory.DETERIORATED
    assert not result.crossed_cutoff


def test_without_a_reliable_change_rule_there_is_no_verdict():
    assert change_result(satisfaction(reliable_change=None), 40, 55) is None


def test_a_rule_with_neither_figures_nor_a_minimum_is_a_bug():
    with pytest.raises(ValueError, match="sd and reliability"):
        ReliableChange("nothing").s_diff()


CHECK_IN = satisfaction(cutoff=None, reliable_change=ReliableChange("heuristic", minimum_change=6))


@pytest.mark.parametrize(
    ("totals", "status", "reason"),
    [
        ([], Track.ON_TRACK, TrackReason.TOO_EARLY),
        ([30], Track.ON_TRACK, TrackReason.TOO_EARLY),
        ([30, None], Track.ON_TRACK, TrackReason.TOO_EARLY),
        ([30, 23], Track.NOT_ON_TRACK, TrackReason.FELL_FROM_START),
        ([30, 28, 36, 29], Track.NOT_ON_TRACK, TrackReason.FELL_SINCE_LAST),
        ([30, 31, 29, 30], Track.ON_TRACK, TrackReason.STEADY),
        ([30, 24], Track.ON_TRACK, TrackReason.STEADY),  # a fall of exactly 6 is not reliable
        ([30, None, 22], Track.NOT_ON_TRACK, TrackReason.FELL_FROM_START),
    ],
)
def test_the_outcome_track_of_the_check_in(totals, status, reason):
    result = outcome_track(CHECK_IN, totals)

    assert (result.status, result.reason) == (status, reason)


def test_a_person_below_the_cutoff_without_reliable_gain_by_the_fourth_check_in_is_not_on_track():
    result = outcome_track(satisfaction(), [40, 42, 43, 44])

    assert (result.status, result.reason) == (Track.NOT_ON_TRACK, TrackReason.NO_GAIN_YET)
    assert (result.check_in_no, result.observed) == (4, 44)


def test_a_reliable_gain_by_the_fourth_check_in_is_on_track():
    result = outcome_track(satisfaction(), [40, 42, 45, 53])

    assert result.status is Track.ON_TRACK


def test_three_check_ins_without_gain_are_still_too_few_to_flag():
    assert outcome_track(satisfaction(), [40, 42, 43]).status is Track.ON_TRACK


def test_holding_steady_in_the_functional_range_is_on_track():
    assert outcome_track(satisfaction(), [50, 50, 50, 50]).status is Track.ON_TRACK


def test_an_instrument_without_a_rule_is_not_judged():
    result = outcome_track(satisfaction(reliable_change=None), [40, 10])

    assert (result.status, result.reason) == (Track.ON_TRACK, TrackReason.NO_RULE)


SESSION = satisfaction(
    purpose=Purpose.SESSION_RATING,
    cutoff=None,
    reliable_change=ReliableChange("heuristic", minimum_change=3),
    concern_below=12,
)


@pytest.mark.parametrize(
    ("totals", "status", "reason"),
    [
        ([], Track.ON_TRACK, TrackReason.TOO_EARLY),
        ([14], Track.ON_TRACK, TrackReason.STEADY),
        ([11], Track.ALLIANCE_CONCERN, TrackReason.LOW_RATING),
        ([12], Track.ON_TRACK, TrackReason.STEADY),
        ([16, 12], Track.ALLIANCE_CONCERN, TrackReason.FELL_SINCE_LAST),
        ([16, 13], Track.ON_TRACK, TrackReason.STEADY),
        ([16, None], Track.ON_TRACK, TrackReason.STEADY),
    ],
)
def test_the_alliance_track_of_the_session_rating(totals, status, reason):
    result = alliance_track(SESSION, totals)

    assert (result.status, result.reason) == (status, reason)


def test_a_couple_needs_attention_when_either_partner_is_off_track():
    steady = TrackStatus(3, 30, Track.ON_TRACK, TrackReason.STEADY)
    falling = TrackStatus(3, 20, Track.NOT_ON_TRACK, TrackReason.FELL_FROM_START)

    assert needs_attention([steady, falling])
    assert not needs_attention([steady, steady])
