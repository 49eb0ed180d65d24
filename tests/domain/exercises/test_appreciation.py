"""The Appreciation Dialogue machine: give, receive, thank, swap; and random walks."""

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from attunement.domain.errors import AttunementError, MoveNotAllowed, NotYourMove
from attunement.domain.exercises.appreciation import (
    STOPS,
    TRANSITIONS,
    AppreciationDialogue,
    Move,
    Step,
    backhanded,
)
from attunement.domain.ids import PersonId
from attunement.domain.steps import Role, Text

SAM = PersonId("sam")
ALEX = PersonId("alex")
CASEY = PersonId("casey")

ONE = [
    (Move.REQUEST_APPOINTMENT, SAM, "Do you have a minute for something nice?"),
    (Move.ACCEPT_NOW, ALEX, None),
    (Move.APPRECIATE, SAM, "When you warmed the car this morning I felt looked after."),
    (Move.MIRROR, ALEX, "When I warmed the car you felt looked after. Did I get it?"),
    (Move.ACCURATE, SAM, None),
    (Move.NO_MORE, SAM, None),
    (Move.THANK, ALEX, "Thank you for telling me; I'm glad it helped."),
]


def walk(moves) -> AppreciationDialogue:
    run = AppreciationDialogue(sender=SAM, receiver=ALEX)
    for move, by, text in moves:
        run = run.apply(move, by, text)
    return run


def test_one_appreciation_given_received_and_thanked_reaches_the_swap_offer():
    assert walk(ONE).step is Step.SWAP_OFFER


def test_the_ask_for_a_moment_may_be_wordless():
    assert walk([(Move.REQUEST_APPOINTMENT, SAM, None)]).step is Step.APPOINTMENT_RESPONSE


def test_a_swap_lets_the_receiver_give_one_back():
    swapped = walk(ONE).apply(Move.SWAP, ALEX)
    assert (swapped.sender, swapped.receiver, swapped.round) == (ALEX, SAM, 2)
    with pytest.raises(NotYourMove):
        swapped.apply(Move.REQUEST_APPOINTMENT, SAM)
    assert swapped.apply(Move.REQUEST_APPOINTMENT, ALEX).step is Step.APPOINTMENT_RESPONSE


@pytest.mark.parametrize("by", [SAM, ALEX])
def test_either_may_finish(by):
    assert walk(ONE).apply(Move.FINISH, by).step is Step.DONE


def test_more_appreciations_loop_back_to_give():
    assert walk(ONE[:5]).apply(Move.MORE, SAM).step is Step.GIVE


def test_a_partly_answer_counts_a_correction_and_asks_for_the_mirror_again():
    again = walk(ONE[:4]).apply(Move.PARTLY, SAM, "Looked after, and less rushed.")
    assert again.step is Step.RECEIVE
    assert again.mirror_corrections == 1


@pytest.mark.parametrize(("step", "move"), list(TRANSITIONS))
def test_every_arrow_is_taken_by_its_owner(step, move):
    transition = TRANSITIONS[(step, move)]
    run = AppreciationDialogue(sender=SAM, receiver=ALEX, step=step)
    owner = ALEX if transition.by is Role.RECEIVER else SAM
    text = "words" if transition.text is Text.REQUIRED else None
    assert run.apply(move, owner, text).version == 1
    if transition.by is not Role.EITHER:
        with pytest.raises(NotYourMove):
            run.apply(move, SAM if owner == ALEX else ALEX, text)


def test_a_time_out_returns_to_the_exact_step():
    at_receive = walk(ONE[:3])
    paused = at_receive.apply(Move.TIME_OUT, ALEX)
    assert paused.legal_moves(SAM) == [Move.RESUME, Move.ABANDON]
    assert paused.apply(Move.RESUME, SAM).step is Step.RECEIVE


def test_resume_is_refused_when_nothing_is_paused():
    with pytest.raises(MoveNotAllowed):
        walk(ONE[:3]).apply(Move.RESUME, SAM)
    assert walk(ONE[:3]).legal_moves(SAM) == [Move.TIME_OUT, Move.ABANDON]


def test_outsiders_and_finished_runs_take_nothing():
    assert walk(ONE).legal_moves(CASEY) == []
    with pytest.raises(NotYourMove):
        walk(ONE).apply(Move.FINISH, CASEY)
    done = walk(ONE).apply(Move.FINISH, SAM)
    assert done.hold_for_safety() is done
    assert walk(ONE[:2]).hold_for_safety().legal_moves(SAM) == []


def test_whose_turn_and_needs_text():
    assert walk(ONE[:2]).whose_turn() == SAM
    assert walk(ONE[:2]).needs_text(Move.APPRECIATE) is Text.REQUIRED
    assert walk(ONE).whose_turn() is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Thanks for finally doing the dishes", ["finally"]),
        ("For once you were on time, but it was late", ["For once", "but"]),
        ("I loved the soup you made; I felt cared for", []),
    ],
)
def test_backhanded_words_are_found_as_written(text, found):
    assert backhanded(text) == found


class AppreciationWalk(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.run = AppreciationDialogue(sender=SAM, receiver=ALEX)

    @rule(
        move=st.sampled_from(Move),
        by=st.sampled_from([SAM, ALEX, CASEY]),
        text=st.sampled_from([None, "", "Thank you for the tea", "x" * 3000]),
    )
    def make_a_move(self, move, by, text) -> None:
        before = self.run
        try:
            self.run = before.apply(move, by, text)
        except AttunementError:
            return
        assert by in (before.sender, before.receiver)
        assert self.run.version == before.version + 1
        if before.step is Step.RECEIVE_CHECK:
            assert by == before.sender

    @rule()
    def hold(self) -> None:
        self.run = self.run.hold_for_safety()

    @invariant()
    def moves_offered_are_moves_accepted(self) -> None:
        for by in (SAM, ALEX):
            for move in self.run.legal_moves(by):
                text = "words" if self.run.needs_text(move) is Text.REQUIRED else None
                self.run.apply(move, by, text)

    @invariant()
    def finished_runs_offer_nothing(self) -> None:
        if self.run.step in STOPS.finished:
            assert self.run.legal_moves(SAM) == self.run.legal_moves(ALEX) == []


TestAppreciationWalk = AppreciationWalk.TestCase
TestAppreciationWalk.settings = settings(max_examples=50, stateful_step_count=30, deadline=None)
