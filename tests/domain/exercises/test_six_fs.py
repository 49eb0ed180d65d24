"""The 6 Fs machine: the happy path fills the card, blending blocks befriending, random walks."""

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from attunement.domain.errors import AttunementError, InvalidInput, MoveNotAllowed, NotYourMove
from attunement.domain.exercises.six_fs import (
    FINISHED,
    MAX_DEPTH,
    TRANSITIONS,
    Move,
    SixFs,
    Step,
)
from attunement.domain.feel_toward import Stance
from attunement.domain.guided import Words
from attunement.domain.ids import PartId, PersonId
from attunement.domain.parts import CardField, Permission

SAM = PersonId("sam")
ALEX = PersonId("alex")

TO_FEEL_TOWARD = [
    (Move.CHOOSE_TRAILHEAD, "snapped at Alex about the dishes"),
    (Move.LOCATE, "a hot band across my chest"),
    (Move.ATTENDING, None),
    (Move.NOTE_AGE, "about fourteen"),
    (Move.DESCRIBE, "a drill sergeant with a clipboard"),
]
AFTER_SELF = [
    (Move.FEEL_TOWARD, "curious about it"),
    (Move.BEFRIEND, "keeps the house in order so nobody can blame me"),
    (Move.NAME_FEAR, "that everything falls apart and it is my fault"),
]


def walk(moves, session: SixFs | None = None) -> SixFs:
    session = session or SixFs.start(SAM, "the drill sergeant", PartId("p1"))
    for move, text in moves:
        session = session.apply(move, SAM, text)
    return session


def test_the_six_fs_fill_the_card_of_the_target():
    session = walk(TO_FEEL_TOWARD + AFTER_SELF)

    assert session.step is Step.NEXT
    assert session.trailhead == "snapped at Alex about the dishes"
    assert session.card_of(0) == {
        CardField.BODY_LOCATION: "a hot band across my chest",
        CardField.FELT_AGE: "about fourteen",
        CardField.DESCRIPTION: "a drill sergeant with a clipboard",
        CardField.DOES: "keeps the house in order so nobody can blame me",
        CardField.FEARS: "that everything falls apart and it is my fault",
    }


def test_a_blended_answer_leads_to_unblending_not_befriending():
    at = walk(TO_FEEL_TOWARD).apply(Move.FEEL_TOWARD, SAM, "annoyed, I want it gone")

    assert at.step is Step.UNBLEND
    assert at.feel_toward[-1][1].classified_as is Stance.BLENDED
    with pytest.raises(MoveNotAllowed):
        at.apply(Move.BEFRIEND, SAM, "its job")


def test_after_stepping_back_the_question_is_asked_again():
    at = walk(TO_FEEL_TOWARD).apply(Move.FEEL_TOWARD, SAM, "annoyed")
    again = at.apply(Move.STEPPED_BACK, SAM).apply(Move.FEEL_TOWARD, SAM, "calm now, curious")

    assert again.step is Step.BEFRIEND
    assert [r.classified_as for _, r in again.feel_toward] == [Stance.BLENDED, Stance.SELF_QUALITY]


def test_a_concerned_part_that_will_not_step_back_becomes_the_new_target():
    at = walk(TO_FEEL_TOWARD).apply(Move.FEEL_TOWARD, SAM, "scared of it")
    at = at.apply(Move.WONT_STEP_BACK, SAM, "that the sergeant takes over")
    assert at.step is Step.REASSURE

    switched = at.apply(Move.MAKE_TARGET, SAM, "the worrier", part=PartId("p2"))

    assert switched.step is Step.FIND
    assert switched.target.name == "the worrier"
    assert switched.target.part == "p2"
    switched = switched.apply(Move.LOCATE, SAM, "stomach")
    assert switched.card_of(1) == {CardField.BODY_LOCATION: "stomach"}


def test_after_the_concerned_part_the_earlier_target_is_met_again():
    at = walk(TO_FEEL_TOWARD).apply(Move.FEEL_TOWARD, SAM, "scared of it")
    at = at.apply(Move.WONT_STEP_BACK, SAM, "x").apply(Move.MAKE_TARGET, SAM, "the worrier")
    at = walk([*TO_FEEL_TOWARD[1:], *AFTER_SELF], at)
    assert Move.BACK_TO_EARLIER in at.legal_moves(SAM)

    back = at.apply(Move.BACK_TO_EARLIER, SAM)

    assert back.step is Step.FEEL_TOWARD
    assert back.target.name == "the drill sergeant"


def test_going_back_is_not_offered_with_one_target():
    at = walk(TO_FEEL_TOWARD + AFTER_SELF)
    assert Move.BACK_TO_EARLIER not in at.legal_moves(SAM)
    with pytest.raises(MoveNotAllowed):
        at.apply(Move.BACK_TO_EARLIER, SAM)


def test_past_the_depth_limit_the_session_closes_with_a_summary():
    at = walk(TO_FEEL_TOWARD + AFTER_SELF)
    for index in range(MAX_DEPTH - 1):
        at = at.apply(Move.EXPLORE_OTHER_SIDE, SAM, f"other side {index}")
        assert at.step is Step.FIND
        at = walk([*TO_FEEL_TOWARD[1:], *AFTER_SELF], at)

    closed = at.apply(Move.EXPLORE_OTHER_SIDE, SAM, "one too many")

    assert closed.step is Step.CLOSE
    assert len(closed.stack) == MAX_DEPTH


@pytest.mark.parametrize(
    ("move", "permission"),
    [(Move.PERMISSION_GRANTED, Permission.GRANTED), (Move.PERMISSION_REFUSED, Permission.REFUSED)],
)
def test_the_protectors_answer_is_recorded(move, permission):
    at = walk(TO_FEEL_TOWARD + AFTER_SELF).apply(move, SAM)
    assert at.permission is permission
    assert at.step is Step.NEXT


def test_noting_the_exile_closes_and_finishing_keeps_what_was_learned():
    at = walk(TO_FEEL_TOWARD + AFTER_SELF).apply(Move.NOTE_EXILE, SAM, "a small lonely one")
    done = at.apply(Move.FINISH, SAM, "it works so hard")
    assert (at.step, done.step) == (Step.CLOSE, Step.DONE)
    assert (done.exile_noted, done.learned) == ("a small lonely one", "it works so hard")


def test_being_taken_over_goes_back_to_unblending():
    at = walk(TO_FEEL_TOWARD[:3]).apply(Move.TAKEN_OVER, SAM)
    assert at.step is Step.UNBLEND


def test_flooding_stops_and_closes():
    assert walk(TO_FEEL_TOWARD[:2]).apply(Move.FLOODED, SAM).step is Step.CLOSE


def test_only_the_explorer_moves_and_nobody_else_is_offered_moves():
    session = SixFs.start(SAM, "the critic")
    with pytest.raises(NotYourMove):
        session.apply(Move.CHOOSE_TRAILHEAD, ALEX, "peeking")
    assert session.legal_moves(ALEX) == []
    assert session.apply(Move.CHOOSE_TRAILHEAD, SAM, "my own").step is Step.FIND


@pytest.mark.parametrize("text", [None, "", "  "])
def test_a_required_answer_cannot_be_empty(text):
    with pytest.raises(InvalidInput):
        walk(TO_FEEL_TOWARD[:1]).apply(Move.LOCATE, SAM, text)


def test_a_pause_returns_to_the_exact_step():
    at = walk(TO_FEEL_TOWARD[:2])
    paused = at.apply(Move.PAUSE, SAM)
    assert paused.legal_moves(SAM) == [Move.RESUME, Move.ABANDON]
    with pytest.raises(MoveNotAllowed):
        paused.apply(Move.PAUSE, SAM)
    assert paused.apply(Move.RESUME, SAM).step is Step.FOCUS


def test_resume_is_refused_when_nothing_is_paused():
    with pytest.raises(MoveNotAllowed):
        walk(TO_FEEL_TOWARD[:2]).apply(Move.RESUME, SAM)


def test_a_finished_session_takes_no_moves():
    done = walk(TO_FEEL_TOWARD[:2]).apply(Move.ABANDON, SAM)
    assert done.step is Step.ABANDONED
    assert done.legal_moves(SAM) == []
    with pytest.raises(MoveNotAllowed):
        done.apply(Move.PAUSE, SAM)


@pytest.mark.parametrize(("step", "move"), list(TRANSITIONS))
def test_every_arrow_is_taken(step, move):
    transition = TRANSITIONS[(step, move)]
    session = SixFs(explorer=SAM, targets=SixFs.start(SAM, "x").targets, step=step, stack=(0,))
    if move is Move.BACK_TO_EARLIER:
        session = SixFs(explorer=SAM, targets=session.targets * 2, step=step, stack=(0, 1))
    text = "curious" if transition.words is not Words.NONE else None
    assert session.apply(move, SAM, text).step is transition.to
    assert session.needs_words(move) is transition.words


def test_needs_words_of_a_move_outside_the_table_is_none():
    assert SixFs.start(SAM, "x").needs_words(Move.FINISH) is Words.NONE


class SixFsWalk(RuleBasedStateMachine):
    """Random moves; what is offered is accepted, and befriending follows only Self."""

    def __init__(self) -> None:
        super().__init__()
        self.session = SixFs.start(SAM, "the critic")

    @rule(
        move=st.sampled_from(Move),
        by=st.sampled_from([SAM, ALEX]),
        text=st.sampled_from([None, "", "curious and calm", "annoyed", "x" * 3000]),
    )
    def make_a_move(self, move: Move, by: PersonId, text: str | None) -> None:
        before = self.session
        try:
            self.session = before.apply(move, by, text)
        except AttunementError:
            return
        after = self.session
        assert by == SAM
        assert after.version == before.version + 1
        assert 1 <= len(after.stack) <= MAX_DEPTH
        if after.step is Step.BEFRIEND and before.step is Step.FEEL_TOWARD:
            assert after.feel_toward[-1][1].classified_as is Stance.SELF_QUALITY

    @invariant()
    def moves_offered_are_moves_accepted(self) -> None:
        for move in self.session.legal_moves(SAM):
            needs = self.session.needs_words(move)
            self.session.apply(move, SAM, "curious" if needs is not Words.NONE else None)

    @invariant()
    def finished_sessions_offer_nothing(self) -> None:
        if self.session.step in FINISHED:
            assert self.session.legal_moves(SAM) == []


TestSixFsWalk = SixFsWalk.TestCase
