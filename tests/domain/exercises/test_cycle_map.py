"""The protective cycle: alternate steps, confirm only your own, name it together."""

from itertools import pairwise

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from attunement.domain.errors import AttunementError, InvalidInput, MoveNotAllowed, NotYourMove
from attunement.domain.exercises.cycle_map import MAX_STEPS, CycleMap, Move, Step
from attunement.domain.ids import PersonId

SAM = PersonId("sam")
ALEX = PersonId("alex")
CASEY = PersonId("casey")

LOOP = [
    (Move.DESCRIBE_TRIGGER, SAM, "Alex comes home late without texting"),
    (Move.DESCRIBE_FEELING, SAM, "a young part of me feels scared and unimportant"),
    (Move.DESCRIBE_MOVE, SAM, "I send a string of pointed messages"),
    (Move.HAND_OVER, ALEX, None),
    (Move.DESCRIBE_FEELING, ALEX, "a part of me feels cornered, like a failure"),
    (Move.DESCRIBE_MOVE, ALEX, "I go quiet"),
]


def walk(moves, cycle: CycleMap | None = None) -> CycleMap:
    cycle = cycle or CycleMap(first=SAM, second=ALEX)
    for move, by, text in moves:
        cycle = cycle.apply(move, by, text)
    return cycle


def test_each_protector_move_is_the_next_partners_trigger():
    cycle = walk(LOOP)
    assert cycle.step is Step.LOOP_CHECK
    assert [s.owner for s in cycle.steps] == [SAM, ALEX]
    assert cycle.steps[1].observed_trigger == "I send a string of pointed messages"


def test_the_loop_closes_only_once_both_have_told_their_side():
    half = walk(LOOP[:3])
    with pytest.raises(MoveNotAllowed):
        half.apply(Move.LOOP_CLOSES, SAM)
    assert walk(LOOP).apply(Move.LOOP_CLOSES, SAM).step is Step.REFLECT


def test_only_the_owner_of_the_step_being_told_writes_it():
    at = walk(LOOP[:4])
    with pytest.raises(NotYourMove):
        at.apply(Move.DESCRIBE_FEELING, SAM, "Alex feels guilty")  # Sam telling Alex's inside
    assert at.apply(Move.DESCRIBE_FEELING, ALEX, "cornered").step is Step.PROTECTOR_MOVE


def test_each_confirms_only_their_own_steps_and_then_guesses_exiles():
    at = walk(LOOP).apply(Move.LOOP_CLOSES, ALEX).apply(Move.CONFIRM_MINE, SAM)
    assert at.step is Step.REFLECT
    assert [s.confirmed for s in at.steps] == [True, False]
    with pytest.raises(MoveNotAllowed):
        at.apply(Move.CONFIRM_MINE, SAM)

    at = at.apply(Move.CONFIRM_MINE, ALEX)

    assert at.step is Step.EXILES
    with pytest.raises(NotYourMove):
        at.apply(Move.GUESS_EXILE, SAM, "fear of being not enough", at=1)
    guessed = at.apply(Move.GUESS_EXILE, ALEX, "fear of being not enough", at=1)
    assert guessed.steps[1].exile_guess == "fear of being not enough"


def test_rewording_a_feeling_waits_for_the_owners_confirmation_again():
    at = walk(LOOP).apply(Move.LOOP_CLOSES, ALEX).apply(Move.CONFIRM_MINE, SAM)
    reworded = at.apply(Move.REWORD_FEELING, SAM, "scared I don't matter", at=0)
    assert reworded.steps[0].inner_feeling == "scared I don't matter"
    assert not reworded.steps[0].confirmed
    with pytest.raises(NotYourMove):
        at.apply(Move.REWORD_FEELING, ALEX, "Sam is needy", at=0)


@pytest.mark.parametrize("at", [None, -1, 5])
def test_a_step_that_does_not_exist_is_refused(at):
    reflect = walk(LOOP).apply(Move.LOOP_CLOSES, ALEX)
    with pytest.raises(InvalidInput):
        reflect.apply(Move.REWORD_FEELING, SAM, "x", at=at)


@pytest.mark.parametrize("at", [1, -2])
def test_a_line_written_to_a_step_not_yet_drawn_is_refused(at):
    started = walk(LOOP[:1])
    with pytest.raises(InvalidInput):
        started.apply(Move.DESCRIBE_FEELING, SAM, "a part of me feels small", at=at)
    drawn = started.apply(Move.DESCRIBE_FEELING, SAM, "a part of me feels small", at=0)
    assert drawn.steps[0].inner_feeling == "a part of me feels small"


def test_a_partner_cannot_tell_their_step_into_the_others_step():
    handed = walk(LOOP[:4])  # Alex tells step 1 now
    with pytest.raises(InvalidInput):
        handed.apply(Move.DESCRIBE_FEELING, ALEX, "my words in Sam's step", at=0)
    told = handed.apply(Move.DESCRIBE_FEELING, ALEX, "cornered", at=1)
    assert [s.inner_feeling for s in told.steps] == [LOOP[1][2], "cornered"]


def named(cycle: CycleMap) -> CycleMap:
    cycle = cycle.apply(Move.LOOP_CLOSES, SAM).apply(Move.CONFIRM_MINE, SAM)
    cycle = cycle.apply(Move.CONFIRM_MINE, ALEX).apply(Move.EXILES_DONE, SAM)
    return cycle.apply(Move.PROPOSE_NAME, SAM, "the late and quiet loop")


def test_the_other_partner_agrees_to_the_name_or_offers_another():
    at = named(walk(LOOP))
    with pytest.raises(NotYourMove):
        at.apply(Move.AGREE_NAME, SAM)
    counter = at.apply(Move.PROPOSE_NAME, ALEX, "the text-and-silence loop")
    assert counter.named_by == ALEX
    agreed = counter.apply(Move.AGREE_NAME, SAM)
    assert (agreed.step, agreed.name) == (Step.INVITE, "the text-and-silence loop")


def test_a_mapped_cycle_keeps_sightings():
    mapped = named(walk(LOOP)).apply(Move.AGREE_NAME, ALEX).apply(Move.WANT_HELP, SAM)
    assert (mapped.step, mapped.wants_help) == (Step.MAPPED, True)
    assert mapped.legal_moves(ALEX) == [Move.SIGHTED]
    assert mapped.apply(Move.SIGHTED, ALEX, at=1).sightings == (1,)
    with pytest.raises(InvalidInput):
        mapped.apply(Move.SIGHTED, ALEX, at=7)


def test_not_now_maps_without_asking_for_help():
    mapped = named(walk(LOOP)).apply(Move.AGREE_NAME, ALEX).apply(Move.NOT_NOW, ALEX)
    assert (mapped.step, mapped.wants_help) == (Step.MAPPED, False)


def test_a_loop_cannot_grow_past_the_limit():
    cycle = walk(LOOP)
    while len(cycle.steps) < MAX_STEPS:
        owner = cycle.steps[-1].owner
        other = ALEX if owner == SAM else SAM
        cycle = walk([(Move.HAND_OVER, SAM, None)], cycle)
        cycle = walk([(Move.DESCRIBE_FEELING, other, "f"), (Move.DESCRIBE_MOVE, other, "m")], cycle)
    with pytest.raises(MoveNotAllowed):
        cycle.apply(Move.HAND_OVER, SAM)


def test_a_safety_hold_stops_everything_for_both():
    held = walk(LOOP[:2]).hold_for_safety()
    assert held.step is Step.SAFETY_HOLD
    assert held.legal_moves(SAM) == held.legal_moves(ALEX) == []
    assert held.hold_for_safety() is held
    with pytest.raises(MoveNotAllowed):
        held.apply(Move.RESUME, SAM)


def test_outsiders_cannot_touch_the_map_and_pause_returns():
    with pytest.raises(NotYourMove):
        CycleMap(SAM, ALEX).apply(Move.DESCRIBE_TRIGGER, CASEY, "x")
    paused = walk(LOOP[:2]).apply(Move.PAUSE, ALEX)
    assert paused.apply(Move.RESUME, SAM).step is Step.PROTECTOR_MOVE


class CycleWalk(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.cycle = CycleMap(first=SAM, second=ALEX)

    @rule(
        move=st.sampled_from(Move),
        by=st.sampled_from([SAM, ALEX, CASEY]),
        text=st.sampled_from([None, "", "words"]),
        at=st.sampled_from([None, 0, 1, 2]),
    )
    def make_a_move(self, move, by, text, at) -> None:
        before = self.cycle
        try:
            self.cycle = before.apply(move, by, text, at=at)
        except AttunementError:
            return
        after = self.cycle
        assert by in (SAM, ALEX)
        assert after.version == before.version + 1
        for old, new in zip(before.steps, after.steps, strict=False):
            if old != new and move is not Move.CONFIRM_MINE:
                assert new.owner == by  # a person edits only their own steps

    @rule()
    def hold(self) -> None:
        self.cycle = self.cycle.hold_for_safety()

    @invariant()
    def steps_alternate_and_confirmations_are_owned(self) -> None:
        owners = [s.owner for s in self.cycle.steps]
        assert all(a != b for a, b in pairwise(owners))
        if self.cycle.step in (Step.EXILES, Step.NAME, Step.MAPPED):
            assert all(s.confirmed for s in self.cycle.steps)


TestCycleWalk = CycleWalk.TestCase
