"""The U-turn: notice, pause, turn inward, find the part, return speaking for it."""

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from attunement.domain.analysis import PartsSignal
from attunement.domain.errors import AttunementError, MoveNotAllowed, NotYourMove
from attunement.domain.exercises.u_turn import (
    FINISHED,
    TRANSITIONS,
    Move,
    Role,
    Step,
    UTurn,
    coach_rewrite,
)
from attunement.domain.guided import Words
from attunement.domain.ids import PersonId

SAM = PersonId("sam")
ALEX = PersonId("alex")
CASEY = PersonId("casey")

TO_RETURN = [
    (Move.NOTICE, "You never listen to me!"),
    (Move.BREATHE, None),
    (Move.NOTICE_INSIDE, "heat in my face, an urge to prove I'm right"),
    (Move.NAME_PART, "the prosecutor"),
    (Move.NAME_NEED, "it needs to know I matter"),
    (Move.FEEL_TOWARD, "curious about it"),
]
REWRITE = "A part of me gets angry when I see the phone out; underneath it wants to matter."


def walk(moves, u_turn: UTurn | None = None) -> UTurn:
    u_turn = u_turn or UTurn(SAM, ALEX)
    for move, text in moves:
        u_turn = u_turn.apply(move, SAM, text)
    return u_turn


def test_a_u_turn_with_the_partner_ends_with_their_mirror():
    at = walk(TO_RETURN).apply(Move.SPEAK_FOR, SAM, REWRITE)
    assert at.step is Step.PARTNER_RECEIVES
    assert at.legal_moves(ALEX) == [Move.MIRROR, Move.SKIP_MIRROR, Move.PAUSE, Move.ABANDON]

    done = at.apply(Move.MIRROR, ALEX, "A part of you gets angry and wants to matter.")

    assert done.step is Step.DONE
    assert (done.original, done.part_name, done.need, done.rewrite) == (
        "You never listen to me!",
        "the prosecutor",
        "it needs to know I matter",
        REWRITE,
    )
    assert done.mirror.startswith("A part of you")


def test_practising_alone_ends_after_speaking_for_the_part():
    assert walk(TO_RETURN, UTurn(SAM)).apply(Move.SPEAK_FOR, SAM, REWRITE).step is Step.DONE


def test_only_the_partner_mirrors_and_only_the_person_speaks_for_the_part():
    at = walk(TO_RETURN)
    with pytest.raises(NotYourMove):
        at.apply(Move.SPEAK_FOR, ALEX, "words for Sam")
    at = at.apply(Move.SPEAK_FOR, SAM, REWRITE)
    with pytest.raises(NotYourMove):
        at.apply(Move.MIRROR, SAM, "mirroring myself")
    assert at.apply(Move.SKIP_MIRROR, SAM).step is Step.DONE


def test_a_blended_feel_toward_stays_at_unblending():
    at = walk(TO_RETURN[:5]).apply(Move.FEEL_TOWARD, SAM, "furious at it")
    assert at.step is Step.UNBLEND
    assert at.apply(Move.FEEL_TOWARD, SAM, "calmer now").step is Step.RETURN
    assert len(at.feel_toward) == 1


def test_someone_outside_cannot_move():
    with pytest.raises(NotYourMove):
        UTurn(SAM, ALEX).apply(Move.NOTICE, CASEY, "x")
    assert UTurn(SAM, ALEX).legal_moves(CASEY) == []


def test_flooded_becomes_a_time_out_that_returns_to_the_step():
    paused = walk(TO_RETURN[:1]).apply(Move.PAUSE, ALEX)
    assert paused.step is Step.TIMEOUT
    assert paused.apply(Move.RESUME, SAM).step is Step.PAUSE


def test_a_move_outside_the_table_is_refused():
    with pytest.raises(MoveNotAllowed):
        UTurn(SAM).apply(Move.SPEAK_FOR, SAM, REWRITE)


@pytest.mark.parametrize(("step", "move"), list(TRANSITIONS))
def test_every_arrow_is_taken_by_its_owner(step, move):
    transition = TRANSITIONS[(step, move)]
    by = ALEX if transition.by is Role.PARTNER else SAM
    text = "calm" if transition.words is not Words.NONE else None
    after = UTurn(SAM, ALEX, step=step).apply(move, by, text)
    assert after.step is transition.to
    assert UTurn(SAM, ALEX, step=step).needs_words(move) is transition.words


def test_needs_words_outside_the_table_is_none():
    assert UTurn(SAM).needs_words(Move.MIRROR) is Words.NONE


@pytest.mark.parametrize(
    ("text", "signal", "notes"),
    [
        (REWRITE, PartsSignal(speaks_for_part=True), ("u_turn.speaks_for_part",)),
        ("You never listen!", PartsSignal(blended=True), ("u_turn.still_blended",)),
        ("I felt sad at dinner.", PartsSignal(), ("u_turn.name_the_part",)),
        (
            "A part of me thinks your critic is attacking me",
            PartsSignal(speaks_for_part=True, blended=True),
            ("u_turn.speaks_for_part", "u_turn.partner_parts"),
        ),
    ],
)
def test_the_coach_reads_the_engines_parts_signal(text, signal, notes):
    assert coach_rewrite(text, signal) == notes


class UTurnWalk(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.u_turn = UTurn(SAM, ALEX)

    @rule(
        move=st.sampled_from(Move),
        by=st.sampled_from([SAM, ALEX, CASEY]),
        text=st.sampled_from([None, "", "calm and curious", "angry"]),
    )
    def make_a_move(self, move, by, text) -> None:
        before = self.u_turn
        try:
            self.u_turn = before.apply(move, by, text)
        except AttunementError:
            return
        assert by in (SAM, ALEX)
        assert self.u_turn.version == before.version + 1
        if move is Move.MIRROR:
            assert by == ALEX
        if self.u_turn.step is Step.RETURN and before.step is Step.UNBLEND:
            assert self.u_turn.feel_toward[-1].self_words

    @invariant()
    def moves_offered_are_moves_accepted(self) -> None:
        for by in (SAM, ALEX):
            for move in self.u_turn.legal_moves(by):
                words = self.u_turn.needs_words(move)
                self.u_turn.apply(move, by, "calm" if words is not Words.NONE else None)
        if self.u_turn.step in FINISHED:
            assert self.u_turn.legal_moves(SAM) == []


TestUTurnWalk = UTurnWalk.TestCase
