"""The shared turn-taking rules: who may move, and the words a move carries."""

from enum import StrEnum

import pytest

from attunement.domain.errors import InvalidInput, MoveNotAllowed, NotYourMove
from attunement.domain.ids import PersonId
from attunement.domain.steps import MAX_TEXT, Pair, Role, Rules, Text, Transition, check_text

SAM = PersonId("sam")
ALEX = PersonId("alex")
CASEY = PersonId("casey")
PAIR = Pair(SAM, ALEX)


class Step(StrEnum):
    ONE = "ONE"
    TWO = "TWO"


class Move(StrEnum):
    GO = "go"
    NAME = "name"
    END = "end"


RULES = Rules(
    {
        (Step.ONE, Move.GO): Transition(Role.SENDER, Step.TWO),
        (Step.ONE, Move.NAME): Transition(Role.SENDER, Step.ONE, Text.REQUIRED),
        (Step.TWO, Move.END): Transition(Role.EITHER, Step.ONE),
    },
    {Move.NAME: 5},
)


def test_the_owner_takes_the_arrow_and_the_other_is_refused():
    assert RULES.arrow(Step.ONE, Move.GO, SAM, PAIR, None).to is Step.TWO
    with pytest.raises(NotYourMove):
        RULES.arrow(Step.ONE, Move.GO, ALEX, PAIR, None)


def test_outsiders_and_moves_outside_the_table_are_refused():
    with pytest.raises(NotYourMove):
        RULES.arrow(Step.TWO, Move.END, CASEY, PAIR, None)
    with pytest.raises(MoveNotAllowed):
        RULES.arrow(Step.TWO, Move.GO, SAM, PAIR, None)


def test_a_per_move_limit_applies():
    with pytest.raises(InvalidInput):
        RULES.arrow(Step.ONE, Move.NAME, SAM, PAIR, "sixsix")
    assert RULES.arrow(Step.ONE, Move.NAME, SAM, PAIR, "five!").to is Step.ONE


def test_moves_owner_and_words_are_read_from_the_table():
    assert RULES.moves_for(Step.ONE, SAM, PAIR) == [Move.GO, Move.NAME]
    assert RULES.moves_for(Step.ONE, ALEX, PAIR) == []
    assert RULES.owner(Step.ONE, PAIR) == SAM
    assert RULES.owner(Step.TWO, PAIR) is None
    assert RULES.needs_text(Step.ONE, Move.NAME) is Text.REQUIRED
    assert RULES.needs_text(Step.TWO, Move.NAME) is Text.NONE


def test_either_is_answered_with_the_sender():
    assert PAIR.person_in(Role.EITHER) == SAM
    assert PAIR.may_act(Role.EITHER, ALEX)
    assert not PAIR.may_act(Role.EITHER, CASEY)


@pytest.mark.parametrize("text", [None, "", "  "])
def test_required_words_may_not_be_blank(text):
    with pytest.raises(InvalidInput):
        check_text(Text.REQUIRED, text)
    check_text(Text.OPTIONAL, text)


def test_the_default_limit_is_the_turn_limit():
    check_text(Text.REQUIRED, "a" * MAX_TEXT)
    with pytest.raises(InvalidInput):
        check_text(Text.REQUIRED, "a" * (MAX_TEXT + 1))
