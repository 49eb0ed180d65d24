"""The Parent-Child Dialogue machine: questions as data, de-roling, pause, stop, random walks."""

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from attunement.domain.errors import AttunementError, InvalidInput, MoveNotAllowed, NotYourMove
from attunement.domain.exercises.parent_child import (
    DEFAULT_QUESTIONS,
    IN_ROLE,
    QUESTIONS,
    STOPS,
    TRANSITIONS,
    Move,
    ParentChildDialogue,
    Step,
)
from attunement.domain.ids import PersonId
from attunement.domain.steps import Role, Text

SAM = PersonId("sam")
ALEX = PersonId("alex")
CASEY = PersonId("casey")


def question(answer: str) -> list[tuple[Move, PersonId, str | None]]:
    return [
        (Move.ASK, ALEX, None),
        (Move.ANSWER, SAM, answer),
        (Move.MIRROR, ALEX, f"You're telling me: {answer} Did I get it?"),
        (Move.ACCURATE, SAM, None),
        (Move.NO_MORE, SAM, None),
    ]


OPENING = [(Move.SET_UP, SAM, "my mother, when I was about eight"), (Move.ENTER_ROLE, ALEX, None)]
ROLE_PLAY = [
    *OPENING,
    *question("The house was quiet and I tiptoed."),
    *question("When you didn't come to my school play."),
    *question("I needed you to look at me and be glad."),
]
PARTNER = [
    (Move.EXIT_ROLE, ALEX, "I'm Alex again."),
    (Move.SUMMARIZE, ALEX, "You grew up tiptoeing, and needed to be seen with gladness."),
    (Move.COMPLETE, SAM, None),
    (Move.VALIDATE, ALEX, "It makes sense you long to be seen, given that quiet house."),
    (Move.LANDED, SAM, None),
    (Move.EMPATHIZE, ALEX, "I imagine you felt lonely and small."),
    (Move.CONFIRMED, SAM, None),
]
CLOSING = [
    (Move.SKIP, SAM, None),
    (Move.APPRECIATE, SAM, "Thank you for being gentle with her voice."),
    (Move.APPRECIATE, ALEX, "Thank you for trusting me with this."),
    (Move.DEBRIEF, SAM, "A bit shaky, mostly lighter."),
    (Move.DEBRIEF, ALEX, None),
]


def walk(moves, questions=DEFAULT_QUESTIONS) -> ParentChildDialogue:
    run = ParentChildDialogue(sender=SAM, receiver=ALEX, questions=questions)
    for move, by, text in moves:
        run = run.apply(move, by, text)
    return run


def test_a_full_run_asks_each_question_steps_out_of_role_and_ends_done():
    assert walk([*ROLE_PLAY, *PARTNER, *CLOSING]).step is Step.DONE


def test_the_questions_are_asked_in_order_and_the_last_leads_out_of_role():
    run = walk(OPENING)
    asked = []
    for answer in ("one", "two", "three"):
        asked.append(run.current_question)
        for move, by, text in question(answer):
            run = run.apply(move, by, text)
    assert asked == list(DEFAULT_QUESTIONS)
    assert run.step is Step.ROLE_EXIT
    assert run.current_question is None


def test_a_therapist_can_configure_a_longer_question_list():
    questions = (*DEFAULT_QUESTIONS, "wanted_most")
    run = walk(ROLE_PLAY, questions=questions)
    assert run.step is Step.QUESTION
    assert run.current_question == "wanted_most"


@pytest.mark.parametrize("questions", [(), ("life_with_me", "favourite_food")])
def test_an_unknown_or_empty_question_list_is_refused(questions):
    with pytest.raises(InvalidInput):
        ParentChildDialogue(sender=SAM, receiver=ALEX, questions=questions)
    assert ParentChildDialogue(sender=SAM, receiver=ALEX, questions=QUESTIONS).questions


def test_the_caregiver_is_kept_for_the_pair():
    assert walk(OPENING[:1]).caregiver == "my mother, when I was about eight"


def test_the_more_loop_returns_to_the_same_question():
    run = walk([*OPENING, *question("first")[:4]]).apply(Move.MORE, SAM)
    assert run.step is Step.ANSWER
    assert run.current_question == "life_with_me"


@pytest.mark.parametrize("by", [SAM, ALEX])
def test_stop_in_role_always_passes_through_role_exit_then_closes(by):
    stopped = walk([*OPENING, *question("first")[:2]]).apply(Move.STOP, by)
    assert stopped.step is Step.ROLE_EXIT
    with pytest.raises(MoveNotAllowed):
        stopped.apply(Move.APPRECIATE, SAM, "thanks")
    closing = stopped.apply(Move.EXIT_ROLE, ALEX)
    assert closing.step is Step.CLOSE


def test_stop_out_of_role_goes_straight_to_the_close():
    assert walk([*ROLE_PLAY, *PARTNER[:3]]).apply(Move.STOP, SAM).step is Step.CLOSE


def test_without_a_stop_role_exit_leads_to_the_summary():
    assert walk([*ROLE_PLAY, PARTNER[0]]).step is Step.SUMMARY


def test_the_pause_button_returns_to_the_exact_step_for_either_partner():
    at_mirror = walk([*OPENING, *question("first")[:2]])
    paused = at_mirror.apply(Move.PAUSE, SAM)
    assert paused.step is Step.PAUSED
    assert paused.in_role  # the screen keeps showing whose voice it was
    assert paused.legal_moves(ALEX) == [Move.RESUME, Move.TIME_OUT, Move.ABANDON]
    assert paused.apply(Move.RESUME, ALEX).step is Step.MIRROR


def test_a_time_out_during_a_pause_still_returns_to_the_step_that_was_left():
    at_mirror = walk([*OPENING, *question("first")[:2]])
    flooded = at_mirror.apply(Move.PAUSE, SAM).apply(Move.TIME_OUT, ALEX)
    assert flooded.step is Step.TIMEOUT
    assert flooded.apply(Move.RESUME, SAM).step is Step.MIRROR


def test_pause_cannot_be_pressed_twice_nor_resume_without_a_pause():
    at_mirror = walk([*OPENING, *question("first")[:2]])
    with pytest.raises(MoveNotAllowed):
        at_mirror.apply(Move.RESUME, SAM)
    with pytest.raises(MoveNotAllowed):
        at_mirror.apply(Move.PAUSE, SAM).apply(Move.PAUSE, ALEX)


def test_only_the_child_voice_confirms_a_mirror():
    at_check = walk([*OPENING, *question("first")[:3]])
    with pytest.raises(NotYourMove):
        at_check.apply(Move.ACCURATE, ALEX)
    assert at_check.apply(Move.ACCURATE, SAM).step is Step.ASK_MORE


def test_someone_outside_the_couple_cannot_pause():
    with pytest.raises(NotYourMove):
        walk(OPENING).apply(Move.PAUSE, CASEY)
    assert walk(OPENING).legal_moves(CASEY) == []


def test_the_link_to_now_is_mirrored_before_the_close():
    run = walk([*ROLE_PLAY, *PARTNER])
    for move, by, text in [
        (Move.LINK, SAM, "When you go quiet at dinner I'm back in that house."),
        (Move.MIRROR, ALEX, "When I go quiet you're back in that house."),
        (Move.ACCURATE, SAM, None),
        (Move.NO_MORE, SAM, None),
    ]:
        run = run.apply(move, by, text)
    assert run.step is Step.CLOSE


SIMPLE = [key for key in TRANSITIONS if TRANSITIONS[key].by is not Role.EITHER]


@pytest.mark.parametrize(("step", "move"), SIMPLE)
def test_every_arrow_is_taken_by_its_owner_and_refused_to_the_other(step, move):
    transition = TRANSITIONS[(step, move)]
    run = ParentChildDialogue(sender=SAM, receiver=ALEX, step=step)
    owner, other = (ALEX, SAM) if transition.by is Role.RECEIVER else (SAM, ALEX)
    text = "words" if transition.text is Text.REQUIRED else None

    with pytest.raises(NotYourMove):
        run.apply(move, other, text)
    assert run.apply(move, owner, text).version == 1


def test_whose_turn_ignores_the_stop_anyone_may_say():
    assert walk(OPENING).whose_turn() == ALEX
    assert walk([*OPENING, (Move.ASK, ALEX, None)]).whose_turn() == SAM
    assert walk([*ROLE_PLAY, *PARTNER, *CLOSING]).whose_turn() is None


def test_a_safety_hold_and_a_finished_run_take_nothing():
    held = walk(OPENING).hold_for_safety()
    assert held.legal_moves(SAM) == []
    done = walk([*ROLE_PLAY, *PARTNER, *CLOSING])
    assert done.hold_for_safety() is done
    assert done.needs_text(Move.DEBRIEF) is Text.NONE


class ParentChildWalk(RuleBasedStateMachine):
    """Random moves: the role is always left through ROLE_EXIT, never skipped."""

    def __init__(self) -> None:
        super().__init__()
        self.run = ParentChildDialogue(sender=SAM, receiver=ALEX)

    @initialize(step=st.sampled_from([Step.SETUP, Step.QUESTION, Step.ASK_MORE, Step.SUMMARY]))
    def start_at(self, step) -> None:
        self.run = ParentChildDialogue(sender=SAM, receiver=ALEX, step=step)

    @rule(
        move=st.sampled_from(Move),
        by=st.sampled_from([SAM, ALEX, CASEY]),
        text=st.sampled_from([None, "", "It was quiet", "x" * 3000]),
    )
    def make_a_move(self, move, by, text) -> None:
        before = self.run
        try:
            self.run = before.apply(move, by, text)
        except AttunementError:
            return
        after = self.run
        assert by in (SAM, ALEX)
        assert after.version == before.version + 1
        if before.step in IN_ROLE and after.step not in IN_ROLE:
            # Leaving the role-play goes through ROLE_EXIT or waits to come back to it.
            assert after.step in {Step.ROLE_EXIT, *STOPS.waiting, Step.ABANDONED}
        if before.step.value.endswith("_CHECK"):
            assert by == SAM
        assert 0 <= after.question < len(after.questions)

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
    def a_waiting_run_remembers_a_running_step(self) -> None:
        if self.run.step in STOPS.waiting:
            assert self.run.resumes_at is not None
            assert self.run.resumes_at not in STOPS.waiting


TestParentChildWalk = ParentChildWalk.TestCase
TestParentChildWalk.settings = settings(max_examples=50, stateful_step_count=30, deadline=None)
