"""The shared mirror loop and the recap of the last mirror."""

from enum import StrEnum

from attunement.domain.mirroring import LoopMoves, LoopSteps, Said, last_mirror, mirror_loop
from attunement.domain.steps import Role, Text


class Step(StrEnum):
    SAY = "SAY"
    MIRROR = "MIRROR"
    CHECK = "CHECK"
    MORE = "MORE"
    NEXT = "NEXT"


class Move(StrEnum):
    SAY = "say"
    MIRROR = "mirror"
    ACCURATE = "accurate"
    PARTLY = "partly"
    MORE = "more"
    NO_MORE = "no_more"


LOOP = mirror_loop(
    LoopSteps(Step.SAY, Step.MIRROR, Step.CHECK, Step.MORE),
    LoopMoves(Move.SAY, Move.MIRROR, Move.ACCURATE, Move.PARTLY, Move.MORE, Move.NO_MORE),
    then=Step.NEXT,
)


def test_the_loop_has_six_arrows_and_only_the_mirror_is_the_receivers():
    assert len(LOOP) == 6
    assert [key for key, t in LOOP.items() if t.by is Role.RECEIVER] == [(Step.MIRROR, Move.MIRROR)]


def test_partly_returns_to_the_mirror_with_words_and_no_more_leaves_the_loop():
    assert LOOP[(Step.CHECK, Move.PARTLY)].to is Step.MIRROR
    assert LOOP[(Step.CHECK, Move.PARTLY)].text is Text.REQUIRED
    assert LOOP[(Step.MORE, Move.NO_MORE)].to is Step.NEXT
    assert LOOP[(Step.MORE, Move.MORE)].to is Step.SAY


def test_the_recap_is_the_latest_mirror():
    turns = [Said("SAY", "I felt alone"), Said("MIRROR", "You felt alone"), Said("SAY", "and")]
    assert last_mirror(turns, frozenset({"MIRROR"})) == Said("MIRROR", "You felt alone")
    assert last_mirror(turns[:1], frozenset({"MIRROR"})) is None
