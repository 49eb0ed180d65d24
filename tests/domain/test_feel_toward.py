"""The feel-toward reading: Self words move on; judging, fear and anger mean unblend first."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attunement.domain.feel_toward import Stance, classify


@pytest.mark.parametrize(
    "answer",
    ["I'm curious about it", "Calm, and a bit of compassion", "open and warm", "I feel connected"],
)
def test_self_words_read_as_a_self_quality(answer):
    reading = classify(answer)
    assert reading.classified_as is Stance.SELF_QUALITY
    assert reading.self_words
    assert reading.reason == "feel_toward.self_words"


@pytest.mark.parametrize(
    ("answer", "word"),
    [
        ("Annoyed. It is pathetic.", "annoyed"),
        ("honestly scared of it", "scared"),
        ("I want to get rid of it", "get rid"),
        ("curious but also angry", "angry"),
        ("I can\u2019t stand it", "can't stand"),
    ],
)
def test_judging_fear_and_anger_read_as_blended_and_say_which_word(answer, word):
    reading = classify(answer)
    assert reading.classified_as is Stance.BLENDED
    assert word in reading.blended_words
    assert reading.reason == "feel_toward.blended_words"


def test_a_negated_self_word_is_not_a_self_quality():
    reading = classify("I'm not very curious about it")
    assert reading.classified_as is Stance.BLENDED
    assert reading.blended_words == ("not curious",)


def test_a_negated_fear_word_does_not_count_against_self():
    assert classify("not afraid, just curious").classified_as is Stance.SELF_QUALITY


def test_an_answer_without_feeling_words_asks_for_unblending_too():
    reading = classify("it is a part")
    assert reading.classified_as is Stance.BLENDED
    assert reading.reason == "feel_toward.no_self_words"


@given(st.text(max_size=200))
def test_the_reading_is_deterministic_and_explained(answer):
    first, second = classify(answer), classify(answer)
    assert first == second
    if first.classified_as is Stance.SELF_QUALITY:
        assert first.self_words
        assert not first.blended_words
