"""The Behavior Change Request machine: the arrows, the request guard, the gift, random walks."""

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from attunement.domain.errors import AttunementError, InvalidInput, MoveNotAllowed, NotYourMove
from attunement.domain.exercises.behavior_change import (
    MIRROR_STEPS,
    STOPS,
    TRANSITIONS,
    BehaviorChangeRequest,
    Move,
    Step,
)
from attunement.domain.ids import PersonId
from attunement.domain.steps import Role, Text

SAM = PersonId("sam")
ALEX = PersonId("alex")
CASEY = PersonId("casey")

REQUESTS = [
    "Sit with me for coffee for 15 minutes before work, twice a week for the next four weeks",
    "Text me when you leave the office, every weekday for two weeks",
    "Ask me one question about my day each evening for the next four weeks",
]


def loop(words: str) -> list[tuple[Move, PersonId, str | None]]:
    return [
        (Move.SAY, SAM, words),
        (Move.MIRROR, ALEX, f"You said: {words} Did I get it?"),
        (Move.ACCURATE, SAM, None),
        (Move.NO_MORE, SAM, None),
    ]


TO_REQUESTS = [
    (Move.REQUEST_APPOINTMENT, SAM, "a request about mornings"),
    (Move.ACCEPT_NOW, ALEX, None),
    *loop("When you scroll on your phone at breakfast, I sit there alone."),
    *loop("I feel lonely and a bit invisible."),
    (Move.SKIP, SAM, None),
    *loop("I want to feel that you are glad to start the day with me."),
]
TO_CHOOSE = [
    *TO_REQUESTS,
    *[(Move.OFFER, SAM, text) for text in REQUESTS],
    (Move.MIRROR, ALEX, "You asked for coffee, a text and a question. Did I get them?"),
    (Move.ACCURATE, SAM, None),
]


def walk(moves: list[tuple[Move, PersonId, str | None]]) -> BehaviorChangeRequest:
    run = BehaviorChangeRequest(sender=SAM, receiver=ALEX)
    for move, by, text in moves:
        run = run.apply(move, by, text)
    return run


def test_three_valid_requests_lead_to_the_mirror_of_all_three():
    run = walk(TO_REQUESTS)
    assert run.step is Step.REQUESTS
    for count, text in enumerate(REQUESTS, start=1):
        run = run.apply(Move.OFFER, SAM, text)
        assert len(run.requests) == count
    assert run.step is Step.REQUESTS_MIRROR


def test_a_request_that_fails_a_check_is_refused_with_the_failed_criteria():
    at_requests = walk(TO_REQUESTS)
    with pytest.raises(InvalidInput) as refused:
        at_requests.apply(Move.OFFER, SAM, "Stop scrolling at breakfast")
    assert refused.value.message_key == "bcr.request_not_ready"
    assert refused.value.params["failed"] == "positive,measurable,time_limited"
    assert at_requests.apply(Move.OFFER, SAM, REQUESTS[0]).requests == (REQUESTS[0],)


def test_the_same_request_twice_is_refused():
    once = walk(TO_REQUESTS).apply(Move.OFFER, SAM, REQUESTS[0])
    with pytest.raises(InvalidInput) as refused:
        once.apply(Move.OFFER, SAM, REQUESTS[0].upper())
    assert refused.value.message_key == "bcr.request_repeated"
    assert once.apply(Move.OFFER, SAM, REQUESTS[1]).requests == tuple(REQUESTS[:2])


def test_the_giver_picks_one_gift_and_restates_it():
    run = walk(TO_CHOOSE).apply(
        Move.CHOOSE, ALEX, "I'll text you when I leave work, each weekday for two weeks.", pick=1
    )
    assert run.step is Step.CONFIRM
    assert run.chosen_request == REQUESTS[1]
    assert run.restatement is not None
    assert run.apply(Move.CONFIRM, SAM, "Thank you.").step is Step.FOLLOW_UP


@pytest.mark.parametrize("pick", [None, -1, 3])
def test_a_choice_without_a_request_is_refused(pick):
    with pytest.raises(InvalidInput) as refused:
        walk(TO_CHOOSE).apply(Move.CHOOSE, ALEX, "I'll do it.", pick=pick)
    assert refused.value.message_key == "bcr.pick_missing"


@pytest.mark.parametrize(
    "restatement",
    ["I'll text you, if you stop nagging me.", "I will do it as long as you cook.", "In return…"],
)
def test_a_gift_with_a_condition_stays_at_choose(restatement):
    at_choose = walk(TO_CHOOSE)
    with pytest.raises(InvalidInput) as refused:
        at_choose.apply(Move.CHOOSE, ALEX, restatement, pick=0)
    assert refused.value.message_key == "bcr.gift_not_trade"
    assert at_choose.apply(Move.CHOOSE, ALEX, "I'll have coffee with you.", pick=0).chosen == 0


def test_the_giver_may_ask_for_other_options_which_clears_the_three():
    again = walk(TO_CHOOSE).apply(Move.OTHER_OPTIONS, ALEX, "None fits my shifts right now.")
    assert again.step is Step.REQUESTS
    assert again.requests == ()


def test_a_partly_confirmation_sends_the_giver_back_to_restate():
    at_confirm = walk(TO_CHOOSE).apply(Move.CHOOSE, ALEX, "I'll text you.", pick=1)
    back = at_confirm.apply(Move.PARTLY, SAM, "From the office, please.")
    assert back.step is Step.CHOOSE
    assert back.mirror_corrections == 1


def test_the_childhood_echo_may_be_told_and_mirrored():
    at_roots = walk(TO_REQUESTS[: 2 + 8])
    assert at_roots.step is Step.ROOTS
    told = at_roots
    for move, by, text in loop("It is like waiting for my dad to look up from the paper."):
        told = told.apply(move, by, text)
    assert told.step is Step.DESIRE


SIMPLE = [key for key in TRANSITIONS if key[1] not in (Move.OFFER, Move.CHOOSE)]


@pytest.mark.parametrize(("step", "move"), SIMPLE)
def test_every_simple_arrow_is_taken_by_its_owner_and_refused_to_the_other(step, move):
    transition = TRANSITIONS[(step, move)]
    run = BehaviorChangeRequest(sender=SAM, receiver=ALEX, step=step)
    owner, other = (ALEX, SAM) if transition.by is Role.RECEIVER else (SAM, ALEX)
    text = "words" if transition.text is Text.REQUIRED else None

    with pytest.raises(NotYourMove):
        run.apply(move, other, text)
    assert run.apply(move, owner, text).step is transition.to


def test_a_move_outside_the_table_is_refused():
    with pytest.raises(MoveNotAllowed):
        BehaviorChangeRequest(sender=SAM, receiver=ALEX).apply(Move.CHOOSE, ALEX, "x", pick=0)


def test_someone_outside_the_couple_cannot_move_or_call_a_time_out():
    run = BehaviorChangeRequest(sender=SAM, receiver=ALEX)
    with pytest.raises(NotYourMove):
        run.apply(Move.TIME_OUT, CASEY)
    assert run.legal_moves(CASEY) == []
    assert run.apply(Move.TIME_OUT, ALEX).step is Step.TIMEOUT


def test_a_time_out_returns_to_the_exact_step_with_the_requests_kept():
    two = walk(TO_REQUESTS).apply(Move.OFFER, SAM, REQUESTS[0]).apply(Move.OFFER, SAM, REQUESTS[1])
    resumed = two.apply(Move.TIME_OUT, ALEX).apply(Move.RESUME, SAM)
    assert resumed.step is Step.REQUESTS
    assert resumed.requests == two.requests


def test_a_follow_up_run_takes_no_more_moves_and_is_not_held():
    done = walk(TO_CHOOSE).apply(Move.CHOOSE, ALEX, "Coffee.", pick=0).apply(Move.CONFIRM, SAM)
    assert done.legal_moves(SAM) == []
    assert done.hold_for_safety() is done
    with pytest.raises(MoveNotAllowed):
        done.apply(Move.ABANDON, SAM)


def test_a_safety_hold_stops_every_move():
    held = walk(TO_REQUESTS).hold_for_safety()
    assert held.step is Step.SAFETY_HOLD
    assert held.legal_moves(SAM) == []


def test_whose_turn_and_needs_text_read_the_table():
    at_requests = walk(TO_REQUESTS)
    assert at_requests.whose_turn() == SAM
    assert at_requests.needs_text(Move.OFFER) is Text.REQUIRED
    assert walk(TO_CHOOSE).whose_turn() == ALEX


def test_the_mirror_steps_are_the_receivers_reflections():
    assert {s for s in Step if s.value.endswith("_MIRROR")} == MIRROR_STEPS
    assert all(t.by is Role.RECEIVER for (s, _), t in TRANSITIONS.items() if s in MIRROR_STEPS)


class RequestWalk(RuleBasedStateMachine):
    """Random moves by random people; requests stay valid, distinct and at most three."""

    def __init__(self) -> None:
        super().__init__()
        self.run = BehaviorChangeRequest(sender=SAM, receiver=ALEX)

    @initialize(step=st.sampled_from([Step.REQUEST_APPOINTMENT, Step.REQUESTS, Step.ROOTS]))
    def start_at(self, step) -> None:
        self.run = BehaviorChangeRequest(sender=SAM, receiver=ALEX, step=step)

    @rule(
        move=st.sampled_from(Move),
        by=st.sampled_from([SAM, ALEX, CASEY]),
        text=st.sampled_from([None, "", "I felt alone", "Stop it", *REQUESTS]),
        pick=st.sampled_from([None, 0, 2, 5]),
    )
    def make_a_move(self, move, by, text, pick) -> None:
        before = self.run
        try:
            self.run = before.apply(move, by, text, pick=pick)
        except AttunementError:
            return
        assert by in (SAM, ALEX)
        assert self.run.version == before.version + 1
        checking = before.step.value.endswith("_CHECK") or before.step is Step.CONFIRM
        if checking and move is not Move.TIME_OUT:  # either partner may call the agreed break
            assert by == SAM  # only the requester says whether a reflection landed
        if move is Move.CHOOSE:
            assert by == ALEX  # only the giver picks the gift

    @rule()
    def hold(self) -> None:
        self.run = self.run.hold_for_safety()

    @invariant()
    def requests_are_few_distinct_and_valid(self) -> None:
        assert len(self.run.requests) <= 3
        assert len(set(self.run.requests)) == len(self.run.requests)
        assert set(self.run.requests) <= set(REQUESTS)

    @invariant()
    def moves_offered_are_moves_accepted(self) -> None:
        for by in (SAM, ALEX):
            for move in self.run.legal_moves(by):
                if move in (Move.OFFER, Move.CHOOSE):
                    continue  # their words are judged, not only required
                text = "words" if self.run.needs_text(move) is Text.REQUIRED else None
                self.run.apply(move, by, text)

    @invariant()
    def a_finished_run_offers_nothing(self) -> None:
        if self.run.step in STOPS.finished | {Step.SAFETY_HOLD}:
            assert self.run.legal_moves(SAM) == self.run.legal_moves(ALEX) == []


TestRequestWalk = RequestWalk.TestCase
TestRequestWalk.settings = settings(max_examples=50, stateful_step_count=30, deadline=None)
