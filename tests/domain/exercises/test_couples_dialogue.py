"""The Couple's Dialogue machine: every arrow of the table, every refusal, and random walks."""

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from attunement.domain.errors import AttunementError, InvalidInput, MoveNotAllowed, NotYourMove
from attunement.domain.exercises.couples_dialogue import (
    FINISHED,
    MAX_TEXT,
    MAX_TOPIC,
    TRANSITIONS,
    CouplesDialogue,
    Move,
    Role,
    Step,
    Text,
    check_text,
)
from attunement.domain.ids import PersonId

SAM = PersonId("sam")
ALEX = PersonId("alex")
CASEY = PersonId("casey")

FULL_ROUND = [
    (Move.REQUEST_APPOINTMENT, SAM, "the dinner last night"),
    (Move.ACCEPT_NOW, ALEX, None),
    (Move.CHUNK_DONE, SAM, "When you were on your phone at dinner I felt lonely."),
    (Move.MIRROR, ALEX, "You felt ignored. Did I get it?"),
    (Move.PARTLY, SAM, "Lonely, not ignored."),
    (Move.MIRROR, ALEX, "You felt lonely when I was on my phone. Did I get it?"),
    (Move.ACCURATE, SAM, None),
    (Move.NO_MORE, SAM, None),
    (Move.SUMMARIZE, ALEX, "So, at dinner my phone left you lonely. Is that all of it?"),
    (Move.COMPLETE, SAM, None),
    (Move.VALIDATE, ALEX, "That makes sense, because you had news to share."),
    (Move.LANDED, SAM, None),
    (Move.EMPATHIZE, ALEX, "I imagine you felt lonely and a bit unimportant."),
    (Move.CONFIRMED, SAM, None),
    (Move.APPRECIATE, SAM, "Thank you for listening."),
    (Move.APPRECIATE, ALEX, "Thank you for telling me."),
]


def walk(moves: list[tuple[Move, PersonId, str | None]]) -> CouplesDialogue:
    dialogue = CouplesDialogue(sender=SAM, receiver=ALEX)
    for move, by, text in moves:
        dialogue = dialogue.apply(move, by, text)
    return dialogue


def text_for(transition_text: Text) -> str | None:
    return "words" if transition_text is Text.REQUIRED else None


def test_a_full_round_ends_at_the_swap_offer_with_one_correction_counted():
    dialogue = walk(FULL_ROUND)

    assert dialogue.step is Step.SWAP_OFFER
    assert dialogue.mirror_corrections == 1
    assert dialogue.version == len(FULL_ROUND)


def test_swapping_reverses_the_roles_and_starts_a_new_round():
    swapped = walk(FULL_ROUND).apply(Move.SWAP, ALEX)

    assert (swapped.sender, swapped.receiver) == (ALEX, SAM)
    assert swapped.step is Step.REQUEST_APPOINTMENT
    assert swapped.round == 2
    assert swapped.mirror_corrections == 0


def test_the_new_sender_speaks_first_after_a_swap():
    swapped = walk(FULL_ROUND).apply(Move.SWAP, ALEX)

    with pytest.raises(NotYourMove):
        swapped.apply(Move.REQUEST_APPOINTMENT, SAM, "my turn?")
    assert swapped.apply(Move.REQUEST_APPOINTMENT, ALEX, "money").step is (
        Step.APPOINTMENT_RESPONSE
    )


@pytest.mark.parametrize("by", [SAM, ALEX])
def test_either_partner_may_finish_at_the_swap_offer(by):
    assert walk(FULL_ROUND).apply(Move.FINISH, by).step is Step.DONE


@pytest.mark.parametrize(("step", "move"), list(TRANSITIONS))
def test_every_arrow_is_taken_by_its_owner(step, move):
    transition = TRANSITIONS[(step, move)]
    dialogue = CouplesDialogue(sender=SAM, receiver=ALEX, step=step)
    by = ALEX if transition.by is Role.RECEIVER else SAM

    after = dialogue.apply(move, by, text_for(transition.text))

    assert after.step is transition.to
    assert after.version == dialogue.version + 1


@pytest.mark.parametrize(
    ("step", "move"), [key for key, t in TRANSITIONS.items() if t.by is not Role.EITHER]
)
def test_every_arrow_is_refused_to_the_other_partner(step, move):
    transition = TRANSITIONS[(step, move)]
    dialogue = CouplesDialogue(sender=SAM, receiver=ALEX, step=step)
    other = SAM if transition.by is Role.RECEIVER else ALEX

    with pytest.raises(NotYourMove):
        dialogue.apply(move, other, text_for(transition.text))


ILLEGAL = [
    (step, move)
    for step in Step
    for move in Move
    if (step, move) not in TRANSITIONS and move not in (Move.TIME_OUT, Move.RESUME, Move.ABANDON)
]


@pytest.mark.parametrize(("step", "move"), ILLEGAL)
def test_a_move_outside_the_table_is_refused_for_both(step, move):
    dialogue = CouplesDialogue(sender=SAM, receiver=ALEX, step=step)

    for by in (SAM, ALEX):
        with pytest.raises(MoveNotAllowed) as refused:
            dialogue.apply(move, by, "words")
        assert type(refused.value) is MoveNotAllowed


def test_the_receiver_never_confirms_their_own_mirror():
    at_check = walk(FULL_ROUND[:4])
    assert at_check.step is Step.MIRROR_CHECK

    with pytest.raises(NotYourMove):
        at_check.apply(Move.ACCURATE, ALEX)
    assert at_check.apply(Move.ACCURATE, SAM).step is Step.ASK_MORE


def test_someone_outside_the_couple_cannot_move():
    with pytest.raises(NotYourMove):
        CouplesDialogue(sender=SAM, receiver=ALEX).apply(Move.TIME_OUT, CASEY)
    assert CouplesDialogue(sender=SAM, receiver=ALEX).legal_moves(CASEY) == []


@pytest.mark.parametrize("text", [None, "", "   \n "])
def test_a_move_that_needs_words_refuses_empty_text(text):
    with pytest.raises(InvalidInput) as refused:
        walk(FULL_ROUND[:2]).apply(Move.CHUNK_DONE, SAM, text)
    assert refused.value.message_key == "turn.empty"


def test_a_twenty_thousand_character_message_is_refused_with_its_limit():
    with pytest.raises(InvalidInput) as refused:
        walk(FULL_ROUND[:2]).apply(Move.CHUNK_DONE, SAM, "a" * 20_000)
    assert refused.value.message_key == "turn.too_long"
    assert refused.value.params["limit"] == MAX_TEXT


def test_a_message_at_the_limit_is_accepted():
    assert walk(FULL_ROUND[:2]).apply(Move.CHUNK_DONE, SAM, "a" * MAX_TEXT).step is Step.MIRROR


def test_a_topic_is_shorter_than_a_message():
    dialogue = CouplesDialogue(sender=SAM, receiver=ALEX)
    with pytest.raises(InvalidInput):
        dialogue.apply(Move.REQUEST_APPOINTMENT, SAM, "t" * (MAX_TOPIC + 1))
    assert dialogue.apply(Move.REQUEST_APPOINTMENT, SAM, "t" * MAX_TOPIC).version == 1


def test_optional_text_may_be_left_out():
    check_text(Text.OPTIONAL, None)
    check_text(Text.NONE, None)
    with pytest.raises(InvalidInput):
        check_text(Text.OPTIONAL, "x" * (MAX_TEXT + 1))


def test_a_scheduled_appointment_is_opened_by_the_receiver():
    scheduled = walk(FULL_ROUND[:1]).apply(Move.SCHEDULE, ALEX, "tonight at eight")
    assert scheduled.step is Step.SCHEDULED
    assert scheduled.apply(Move.ACCEPT_NOW, ALEX).step is Step.SEND


def test_more_loops_are_counted_and_nudge_the_summary_after_six():
    dialogue = walk(FULL_ROUND[:4]).apply(Move.ACCURATE, SAM)
    for _ in range(6):
        assert not dialogue.nudge_summary()
        dialogue = dialogue.apply(Move.MORE, SAM)
        dialogue = dialogue.apply(Move.CHUNK_DONE, SAM, "and another thing I felt")
        dialogue = dialogue.apply(Move.MIRROR, ALEX, "you felt another thing")
        dialogue = dialogue.apply(Move.ACCURATE, SAM)
    assert dialogue.more_loops == 6
    assert dialogue.nudge_summary()


@pytest.mark.parametrize("caller", [SAM, ALEX])
def test_a_time_out_returns_to_the_exact_step(caller):
    at_mirror = walk(FULL_ROUND[:3])

    paused = at_mirror.apply(Move.TIME_OUT, caller)
    assert paused.step is Step.TIMEOUT
    assert paused.whose_turn() is None
    assert paused.legal_moves(SAM) == [Move.RESUME, Move.ABANDON]

    resumed = paused.apply(Move.RESUME, ALEX)
    assert resumed.step is Step.MIRROR
    assert resumed.resumes_at is None


def test_resume_is_refused_when_nothing_is_paused():
    with pytest.raises(MoveNotAllowed):
        walk(FULL_ROUND[:3]).apply(Move.RESUME, SAM)


def test_a_time_out_cannot_be_called_twice():
    paused = walk(FULL_ROUND[:3]).apply(Move.TIME_OUT, SAM)
    with pytest.raises(MoveNotAllowed):
        paused.apply(Move.TIME_OUT, ALEX)


def test_abandoning_during_a_time_out_is_allowed():
    paused = walk(FULL_ROUND[:3]).apply(Move.TIME_OUT, SAM)
    assert paused.apply(Move.ABANDON, ALEX).step is Step.ABANDONED


def test_a_safety_hold_blocks_every_move_including_time_out():
    held = walk(FULL_ROUND[:3]).hold_for_safety()

    assert held.step is Step.SAFETY_HOLD
    assert held.legal_moves(SAM) == []
    for move in Move:
        with pytest.raises(AttunementError):
            held.apply(move, SAM, "words")


def test_a_finished_dialogue_is_not_held_and_takes_no_moves():
    done = walk(FULL_ROUND).apply(Move.FINISH, SAM)

    assert done.hold_for_safety() is done
    assert done.legal_moves(SAM) == []
    with pytest.raises(MoveNotAllowed):
        done.apply(Move.ABANDON, SAM)


def test_whose_turn_names_the_owner_of_the_step():
    assert CouplesDialogue(sender=SAM, receiver=ALEX).whose_turn() == SAM
    assert walk(FULL_ROUND[:3]).whose_turn() == ALEX
    assert walk(FULL_ROUND).whose_turn() is None  # either may finish


def test_legal_moves_offer_the_owner_its_arrows_and_interrupts():
    at_check = walk(FULL_ROUND[:4])

    assert at_check.legal_moves(SAM) == [Move.ACCURATE, Move.PARTLY, Move.TIME_OUT, Move.ABANDON]
    assert at_check.legal_moves(ALEX) == [Move.TIME_OUT, Move.ABANDON]


def test_needs_text_reads_the_table():
    at_check = walk(FULL_ROUND[:4])
    assert at_check.needs_text(Move.PARTLY) is Text.REQUIRED
    assert at_check.needs_text(Move.ACCURATE) is Text.NONE
    assert at_check.needs_text(Move.SWAP) is Text.NONE


def test_person_in_either_role_answers_the_sender():
    dialogue = CouplesDialogue(sender=SAM, receiver=ALEX)
    assert dialogue.person_in(Role.EITHER) == SAM
    assert dialogue.person_in(Role.RECEIVER) == ALEX


class DialogueWalk(RuleBasedStateMachine):
    """Random moves by random people; the invariants of domain.md §0.1 hold after each."""

    def __init__(self) -> None:
        super().__init__()
        self.dialogue = CouplesDialogue(sender=SAM, receiver=ALEX)

    @rule(
        move=st.sampled_from(Move),
        by=st.sampled_from([SAM, ALEX, CASEY]),
        text=st.sampled_from([None, "", "I felt lonely", "x" * (MAX_TEXT + 1)]),
    )
    def make_a_move(self, move: Move, by: PersonId, text: str | None) -> None:
        before = self.dialogue
        try:
            self.dialogue = before.apply(move, by, text)
        except AttunementError:
            return
        after = self.dialogue
        assert by in (before.sender, before.receiver)
        assert after.version == before.version + 1
        if before.step.name.endswith("_CHECK"):
            assert by == before.sender  # only the sender says whether a reflection landed
        if move is not Move.SWAP:
            assert (after.sender, after.receiver) == (before.sender, before.receiver)
            assert after.mirror_corrections >= before.mirror_corrections

    @rule()
    def hold(self) -> None:
        self.dialogue = self.dialogue.hold_for_safety()

    @invariant()
    def moves_offered_are_moves_accepted(self) -> None:
        for by in (SAM, ALEX):
            for move in self.dialogue.legal_moves(by):
                needs = self.dialogue.needs_text(move)
                self.dialogue.apply(move, by, "words" if needs is Text.REQUIRED else None)

    @invariant()
    def finished_dialogues_offer_nothing(self) -> None:
        if self.dialogue.step in FINISHED | {Step.SAFETY_HOLD}:
            assert self.dialogue.legal_moves(SAM) == self.dialogue.legal_moves(ALEX) == []


TestDialogueWalk = DialogueWalk.TestCase
