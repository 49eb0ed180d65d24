"""The 8 Cs check-in: rate, optionally name a part, get advice that only the person sees."""

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from attunement.domain.errors import AttunementError, InvalidInput, MoveNotAllowed, NotYourMove
from attunement.domain.exercises.self_check_in import (
    FINISHED,
    TRANSITIONS,
    Gate,
    Moment,
    Move,
    SelfCheckIn,
    Step,
)
from attunement.domain.ids import PersonId
from attunement.domain.parts import MAX_NAME, SelfEnergy

SAM = PersonId("sam")
ALEX = PersonId("alex")
HIGH = SelfEnergy((3, 3, 3, 3, 2, 2, 2, 2))
LOW = SelfEnergy((1, 1, 1, 1, 2, 2, 2, 2))


def rated(energy: SelfEnergy = HIGH) -> SelfCheckIn:
    check_in = SelfCheckIn(SAM, Moment.BEFORE, "six_fs")
    return check_in.apply(Move.BEGIN, SAM).apply(Move.RATE, SAM, energy=energy)


def test_rating_then_naming_a_part_gives_a_result():
    done = rated().apply(Move.NAME_PART, SAM, "the worrier")
    assert done.step is Step.RESULT
    assert done.energy == HIGH
    assert done.part_present == "the worrier"
    assert done.version == 3


def test_naming_a_part_is_optional():
    done = rated().apply(Move.SKIP, SAM)
    assert done.step is Step.RESULT
    assert done.part_present == ""


def test_the_gate_is_advice_from_the_mean_rating():
    assert SelfCheckIn(SAM).gate() is None
    assert rated(HIGH).gate() is Gate.SETTLED
    assert rated(LOW).gate() is Gate.SUGGEST_PAUSE


def test_rating_without_ratings_is_refused():
    with pytest.raises(InvalidInput) as refused:
        SelfCheckIn(SAM).apply(Move.BEGIN, SAM).apply(Move.RATE, SAM)
    assert refused.value.message_key == "check_in.ratings_missing"


def test_a_part_name_has_the_map_limit():
    with pytest.raises(InvalidInput):
        rated().apply(Move.NAME_PART, SAM, "x" * (MAX_NAME + 1))


def test_only_the_person_checks_in():
    with pytest.raises(NotYourMove):
        SelfCheckIn(SAM).apply(Move.BEGIN, ALEX)
    assert SelfCheckIn(SAM).legal_moves(ALEX) == []
    assert SelfCheckIn(SAM).legal_moves(SAM) == [Move.BEGIN, Move.ABANDON]


def test_a_finished_check_in_cannot_be_abandoned_or_rated_again():
    done = rated().apply(Move.SKIP, SAM)
    with pytest.raises(MoveNotAllowed):
        done.apply(Move.ABANDON, SAM)
    with pytest.raises(MoveNotAllowed):
        done.apply(Move.RATE, SAM, energy=LOW)
    assert SelfCheckIn(SAM).apply(Move.ABANDON, SAM).step is Step.ABANDONED


class CheckInWalk(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.check_in = SelfCheckIn(SAM)

    @rule(
        move=st.sampled_from(Move),
        by=st.sampled_from([SAM, ALEX]),
        energy=st.sampled_from([None, HIGH, LOW]),
        text=st.sampled_from([None, "the critic", ""]),
    )
    def make_a_move(self, move, by, energy, text) -> None:
        before = self.check_in
        try:
            self.check_in = before.apply(move, by, text, energy=energy)
        except AttunementError:
            return
        assert by == SAM
        assert self.check_in.version == before.version + 1
        if self.check_in.step is Step.NAME_PART:
            assert self.check_in.energy is not None

    @invariant()
    def offered_moves_exist(self) -> None:
        for move in self.check_in.legal_moves(SAM):
            assert move is Move.ABANDON or (self.check_in.step, move) in TRANSITIONS
        if self.check_in.step in FINISHED:
            assert self.check_in.legal_moves(SAM) == []


TestCheckInWalk = CheckInWalk.TestCase
