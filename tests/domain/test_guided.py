"""The pieces the guided exercises share: words and the pause that returns to its step."""

from enum import StrEnum

import pytest

from attunement.domain.errors import InvalidInput, MoveNotAllowed
from attunement.domain.guided import MAX_WORDS, Interrupts, Words, check_words


class Step(StrEnum):
    A = "A"
    PAUSED = "PAUSED"
    GONE = "GONE"


PAUSES = Interrupts(paused=Step.PAUSED, abandoned=Step.GONE, finished=frozenset({Step.GONE}))


def test_words_are_stripped_and_none_when_the_move_carries_none():
    assert check_words(Words.REQUIRED, "  hi ") == "hi"
    assert check_words(Words.OPTIONAL, "  ") is None
    assert check_words(Words.NONE, "ignored") is None


def test_required_words_cannot_be_blank_and_no_words_may_be_too_long():
    with pytest.raises(InvalidInput):
        check_words(Words.REQUIRED, " ")
    with pytest.raises(InvalidInput) as refused:
        check_words(Words.OPTIONAL, "x" * (MAX_WORDS + 1))
    assert refused.value.params["limit"] == MAX_WORDS


def test_pause_then_resume_returns_to_the_step():
    assert PAUSES.apply(Step.A, None, "pause") == (Step.PAUSED, Step.A)
    assert PAUSES.apply(Step.PAUSED, Step.A, "resume") == (Step.A, None)


def test_abandon_works_paused_or_not_but_never_twice():
    assert PAUSES.apply(Step.PAUSED, Step.A, "abandon") == (Step.GONE, None)
    assert PAUSES.apply(Step.A, None, "abandon") == (Step.GONE, None)
    with pytest.raises(MoveNotAllowed):
        PAUSES.apply(Step.GONE, None, "abandon")


def test_a_pause_without_a_place_to_return_to_cannot_resume():
    with pytest.raises(MoveNotAllowed):
        PAUSES.apply(Step.PAUSED, None, "resume")


def test_offered_interrupts_follow_the_step():
    assert PAUSES.offered(Step.A) == ["pause", "abandon"]
    assert PAUSES.offered(Step.PAUSED) == ["resume", "abandon"]
    assert PAUSES.offered(Step.GONE) == []
