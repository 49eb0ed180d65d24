"""Unburdening: only with a therapist and permission; the client can always pause."""

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from attunement.domain.errors import AttunementError, MoveNotAllowed, NotYourMove
from attunement.domain.exercises.unburdening import (
    FINISHED,
    TRANSITIONS,
    Move,
    Role,
    Step,
    Unburdening,
)
from attunement.domain.guided import Words
from attunement.domain.ids import PersonId
from attunement.domain.parts import Permission

SAM = PersonId("sam")
JORDAN = PersonId("jordan")
ALEX = PersonId("alex")

WHOLE = [
    (Move.BEGIN, JORDAN, None),
    (Move.FEEL_TOWARD, SAM, "tender, compassion for that little one"),
    (Move.WITNESSED, JORDAN, None),
    (Move.SKIP_DO_OVER, JORDAN, None),
    (Move.RETRIEVED, JORDAN, None),
    (Move.RELEASED, JORDAN, "to the light"),
    (Move.INVITED, JORDAN, "playfulness"),
    (Move.PROTECTORS_CHECKED, JORDAN, None),
    (Move.WRITE_NOTE, SAM, "lighter, and tired"),
]


def run() -> Unburdening:
    return Unburdening.start(SAM, JORDAN, Permission.GRANTED)


def walk(moves, session: Unburdening | None = None) -> Unburdening:
    session = session or run()
    for move, by, text in moves:
        session = session.apply(move, by, text)
    return session


def test_the_whole_sequence_keeps_only_the_steps_reached_and_the_note():
    done = walk(WHOLE)
    assert done.step is Step.DONE
    assert done.released
    assert done.after_note == "lighter, and tired"
    assert Step.DO_OVER in done.reached
    assert Step.PAUSED not in done.reached


@pytest.mark.parametrize("therapist", [None, SAM])
def test_there_is_no_run_without_a_therapist(therapist):
    with pytest.raises(MoveNotAllowed) as refused:
        Unburdening.start(SAM, therapist, Permission.GRANTED)
    assert refused.value.message_key == "unburdening.needs_therapist"


@pytest.mark.parametrize("permission", [Permission.NONE, Permission.ASKED, Permission.REFUSED])
def test_there_is_no_run_without_the_protectors_permission(permission):
    with pytest.raises(MoveNotAllowed) as refused:
        Unburdening.start(SAM, JORDAN, permission)
    assert refused.value.message_key == "unburdening.needs_permission"


def test_without_compassion_toward_the_exile_the_run_stays_at_meeting_it():
    at = walk(WHOLE[:1]).apply(Move.FEEL_TOWARD, SAM, "I hate how weak it is")
    assert at.step is Step.MEET_EXILE


def test_the_therapist_moves_the_sequence_and_the_client_cannot():
    with pytest.raises(NotYourMove):
        run().apply(Move.BEGIN, SAM)
    with pytest.raises(NotYourMove):
        run().apply(Move.BEGIN, ALEX)
    assert run().legal_moves(ALEX) == []


def test_the_client_may_pause_but_only_the_therapist_resumes():
    paused = walk(WHOLE[:3]).apply(Move.PAUSE, SAM)
    assert paused.legal_moves(SAM) == [Move.ABANDON]
    with pytest.raises(NotYourMove):
        paused.apply(Move.RESUME, SAM)
    assert paused.apply(Move.RESUME, JORDAN).step is Step.DO_OVER


def test_an_exile_not_ready_to_release_is_respected():
    at = walk(WHOLE[:5]).apply(Move.NOT_READY, JORDAN)
    assert at.step is Step.INTEGRATE
    assert not at.released


def test_a_move_outside_the_table_is_refused():
    with pytest.raises(MoveNotAllowed):
        run().apply(Move.RELEASED, JORDAN)


@pytest.mark.parametrize(("step", "move"), list(TRANSITIONS))
def test_every_arrow_is_taken_by_its_owner(step, move):
    transition = TRANSITIONS[(step, move)]
    by = JORDAN if transition.by is Role.THERAPIST else SAM
    text = "compassion" if transition.words is not Words.NONE else None
    assert Unburdening(SAM, JORDAN, step=step).apply(move, by, text).step is transition.to


class UnburdeningWalk(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.session = run()

    @rule(
        move=st.sampled_from(Move),
        by=st.sampled_from([SAM, JORDAN, ALEX]),
        text=st.sampled_from([None, "compassion", "hate it"]),
    )
    def make_a_move(self, move, by, text) -> None:
        before = self.session
        try:
            self.session = before.apply(move, by, text)
        except AttunementError:
            return
        assert by in (SAM, JORDAN)
        if move is Move.RESUME:
            assert by == JORDAN
        if before.step is Step.MEET_EXILE and self.session.step is Step.WITNESS:
            assert text == "compassion"

    @invariant()
    def offered_moves_are_accepted(self) -> None:
        for by in (SAM, JORDAN):
            for move in self.session.legal_moves(by):
                self.session.apply(move, by, "compassion")
        if self.session.step in FINISHED:
            assert self.session.legal_moves(JORDAN) == []


TestUnburdeningWalk = UnburdeningWalk.TestCase
