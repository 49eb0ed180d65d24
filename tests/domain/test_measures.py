"""Scoring an administration: reverse keys, sums and means, subscales, missing answers."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from attunement.domain.errors import InvalidInput
from attunement.domain.ids import PersonId
from attunement.domain.measures import (
    Direction,
    Instrument,
    Item,
    Purpose,
    ResponseScale,
    Scoring,
    Subscale,
    administer,
    item_score,
    score,
)

SAM = PersonId("sam")


def five_items(scoring: Scoring = Scoring.SUM) -> Instrument:
    return Instrument(
        code="five",
        name="Five items",
        construct="testing",
        purpose=Purpose.OUTCOME,
        validated=False,
        notice="not validated",
        licence="ours",
        scale=ResponseScale(low=0, high=4, anchors=((0, "Not at all"), (4, "Completely"))),
        items=(Item("a", "A"), Item("b", "B", reverse=True), Item("c", "C"), Item("d", "D"),
               Item("e", "E")),
        subscales=(Subscale("x", "X", ("a", "b")), Subscale("y", "Y", ("c", "d", "e"))),
        scoring=scoring,
    )  # fmt: skip


def test_a_reverse_keyed_item_counts_from_the_other_end():
    instrument = five_items()

    assert item_score(instrument, "b", 1) == 3
    assert item_score(instrument, "b", 4) == 0
    assert item_score(instrument, "a", 1) == 1


def test_a_complete_set_of_answers_sums_with_reversals():
    result = score(five_items(), {"a": 3, "b": 1, "c": 4, "d": 2, "e": 0})

    # 3 + (4 - 1) + 4 + 2 + 0 = 12
    assert result.total == 12
    assert result.subscale("x") == 6
    assert result.subscale("y") == 6
    assert result.answered == 5


def test_one_skipped_answer_in_five_is_prorated():
    result = score(five_items(), {"a": 3, "b": 1, "c": 4, "d": 2, "e": None})

    # 4 of 5 answered (80 %): (3 + 3 + 4 + 2) / 4 * 5 = 15
    assert result.total == pytest.approx(15.0)
    assert result.subscale("x") == 6
    assert result.subscale("y") is None  # 2 of 3 answered is below 80 %
    assert result.answered == 4


def test_a_key_left_out_counts_as_skipped():
    with_none = score(five_items(), {"a": 3, "b": 1, "c": 4, "d": 2, "e": None})
    left_out = score(five_items(), {"a": 3, "b": 1, "c": 4, "d": 2})

    assert with_none == left_out


def test_too_few_answers_give_no_score_rather_than_a_guess():
    result = score(five_items(), {"a": 3, "b": 1, "c": 4})

    assert result.total is None  # 3 of 5 is 60 %
    assert result.subscale("x") == 6


def test_mean_scoring_averages_the_answered_items():
    result = score(five_items(Scoring.MEAN), {"a": 3, "b": 1, "c": 4, "d": 2})

    assert result.total == pytest.approx(3.0)  # (3 + 3 + 4 + 2) / 4
    assert result.subscale("x") == pytest.approx(3.0)


def test_an_answer_off_the_scale_is_refused():
    with pytest.raises(InvalidInput) as refused:
        score(five_items(), {"a": 5})

    assert refused.value.message_key == "measures.out_of_range"
    assert refused.value.params == {"item": "a", "low": 0, "high": 4}


def test_an_answer_on_the_edge_of_the_scale_is_taken():
    assert score(five_items(), {"a": 4, "b": 0, "c": 0, "d": 0, "e": 0}).total == 8


def test_an_unknown_item_is_refused():
    with pytest.raises(InvalidInput) as refused:
        score(five_items(), {"z": 1})

    assert refused.value.message_key == "measures.unknown_item"


def test_the_range_of_a_summed_and_of_a_mean_score():
    assert (five_items().lowest(), five_items().highest()) == (0, 20)
    assert (five_items(Scoring.MEAN).lowest(), five_items(Scoring.MEAN).highest()) == (0, 4)


def test_improvement_is_signed_by_direction():
    lower = five_items()
    lower_better = replace(lower, direction=Direction.LOWER_IS_BETTER)

    assert lower.better(3) == 3
    assert lower_better.better(3) == -3


def test_an_administration_keeps_the_answers_given_and_the_score():
    at = datetime(2026, 11, 23, 9, tzinfo=UTC)

    given = administer(five_items(), SAM, {"a": 3, "b": None, "c": 4, "d": 2, "e": 1}, at=at)

    assert given.answers == (("a", 3), ("c", 4), ("d", 2), ("e", 1))
    assert given.score.total == pytest.approx(12.5)  # (3 + 4 + 2 + 1) / 4 * 5
    assert (given.person, given.instrument, given.at) == (SAM, "five", at)


def test_anchor_words_are_found_by_point():
    scale = five_items().scale

    assert scale.anchor(0) == "Not at all"
    assert scale.anchor(2) is None
