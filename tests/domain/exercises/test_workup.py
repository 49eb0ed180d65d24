"""The Imago Workup machine: lists, the synthesis draft, consent to overlaps, random walks."""

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from attunement.domain.errors import AttunementError, InvalidInput, MoveNotAllowed, NotYourMove
from attunement.domain.exercises.workup import (
    LISTS,
    MAX_ENTRIES,
    REQUIRED,
    ImagoWorkup,
    Move,
    Step,
)
from attunement.domain.ids import PersonId
from attunement.domain.imago import EntryKind
from attunement.domain.steps import Text

SAM = PersonId("sam")
ALEX = PersonId("alex")

LISTED = {
    Step.CAREGIVERS: ["my mother", "my grandfather"],
    Step.POSITIVE_TRAITS: ["warm", "funny"],
    Step.NEGATIVE_TRAITS: ["distant when worried", "critical"],
    Step.WANTED_MOST: ["to be noticed"],
    Step.FRUSTRATIONS: ["being hushed"],
    Step.FEELINGS: ["lonely"],
    Step.REACTIONS: ["went quiet"],
}


def fill(workup: ImagoWorkup, until: Step = Step.SYNTHESIS) -> ImagoWorkup:
    if workup.step is Step.INTRO_CONSENT:
        workup = workup.apply(Move.CONSENT, SAM)
    while workup.step is not until:
        for text in LISTED.get(workup.step, []):
            workup = workup.apply(Move.ADD, SAM, text)
        workup = workup.apply(Move.NEXT, SAM)
    return workup


def test_filling_every_list_reaches_the_synthesis_with_a_draft_in_the_owners_words():
    workup = fill(ImagoWorkup(owner=SAM))
    draft = workup.draft()
    assert workup.step is Step.SYNTHESIS
    for word in ("my mother", "warm", "critical", "to be noticed", "went quiet"):
        assert word in draft


def test_accepting_without_edits_keeps_the_draft_and_an_edit_replaces_it():
    at_synthesis = fill(ImagoWorkup(owner=SAM))
    assert at_synthesis.apply(Move.ACCEPT, SAM).synthesis == at_synthesis.draft()
    edited = at_synthesis.apply(Move.ACCEPT, SAM, "I look for warmth and fear distance.")
    assert edited.synthesis == "I look for warmth and fear distance."
    assert edited.step is Step.PARTNER_POSITIVE


@pytest.mark.parametrize("step", sorted(REQUIRED))
def test_a_required_list_cannot_be_left_empty(step):
    workup = ImagoWorkup(owner=SAM, step=step)
    with pytest.raises(InvalidInput) as refused:
        workup.apply(Move.NEXT, SAM)
    assert refused.value.message_key == "workup.list_empty"
    assert workup.apply(Move.ADD, SAM, "something").apply(Move.NEXT, SAM).step is not step


def test_optional_lists_may_be_left_empty():
    assert ImagoWorkup(owner=SAM, step=Step.FRUSTRATIONS).apply(Move.NEXT, SAM).step is (
        Step.FEELINGS
    )


def test_an_entry_can_be_marked_influential_and_comes_first_in_the_draft():
    workup = ImagoWorkup(owner=SAM, step=Step.POSITIVE_TRAITS)
    workup = workup.apply(Move.ADD, SAM, "funny").apply(Move.ADD, SAM, "steady")
    marked = workup.apply(Move.MARK, SAM, index=1)
    assert [e.influential for e in marked.listed(EntryKind.POSITIVE_TRAIT)] == [False, True]
    assert marked.draft().index("steady") < marked.draft().index("funny")


def test_marking_is_only_for_trait_lists():
    with pytest.raises(MoveNotAllowed):
        ImagoWorkup(owner=SAM, step=Step.CAREGIVERS).apply(Move.MARK, SAM, index=0)


def test_removing_takes_the_entry_of_this_list_only():
    workup = fill(ImagoWorkup(owner=SAM), until=Step.NEGATIVE_TRAITS)
    workup = workup.apply(Move.ADD, SAM, "strict")
    removed = workup.apply(Move.REMOVE, SAM, index=0)
    assert [e.text for e in removed.listed(EntryKind.NEGATIVE_TRAIT)] == []
    assert removed.listed(EntryKind.POSITIVE_TRAIT) == workup.listed(EntryKind.POSITIVE_TRAIT)


@pytest.mark.parametrize("index", [None, -1, 1])
def test_an_index_outside_this_list_is_refused(index):
    workup = ImagoWorkup(owner=SAM, step=Step.CAREGIVERS).apply(Move.ADD, SAM, "my aunt")
    with pytest.raises(InvalidInput) as refused:
        workup.apply(Move.REMOVE, SAM, index=index)
    assert refused.value.message_key == "workup.no_such_entry"


def test_a_list_holds_a_limited_number_of_entries():
    workup = ImagoWorkup(owner=SAM, step=Step.FEELINGS)
    for n in range(MAX_ENTRIES):
        workup = workup.apply(Move.ADD, SAM, f"feeling {n}")
    with pytest.raises(InvalidInput) as refused:
        workup.apply(Move.ADD, SAM, "one more")
    assert refused.value.message_key == "workup.list_full"


def test_back_goes_to_the_list_before_and_nothing_is_lost():
    workup = fill(ImagoWorkup(owner=SAM), until=Step.FEELINGS)
    back = workup.apply(Move.BACK, SAM)
    assert back.step is Step.FRUSTRATIONS
    assert back.entries == workup.entries


def test_the_partner_profile_is_optional():
    at_profile = fill(ImagoWorkup(owner=SAM)).apply(Move.ACCEPT, SAM)
    assert at_profile.apply(Move.SKIP, SAM).step is Step.DONE
    listed = at_profile.apply(Move.ADD, SAM, "cheerful").apply(Move.NEXT, SAM)
    assert listed.step is Step.PARTNER_NEGATIVE
    assert listed.apply(Move.NEXT, SAM).step is Step.DONE


def test_only_the_owner_moves_or_consents():
    workup = ImagoWorkup(owner=SAM)
    with pytest.raises(NotYourMove):
        workup.apply(Move.CONSENT, ALEX)
    assert workup.legal_moves(ALEX) == []
    with pytest.raises(MoveNotAllowed):
        workup.with_overlap_consent(ALEX, consent=True)
    assert workup.with_overlap_consent(SAM, consent=True).overlap_consent


def test_words_are_required_and_folded():
    workup = ImagoWorkup(owner=SAM, step=Step.CAREGIVERS)
    with pytest.raises(InvalidInput):
        workup.apply(Move.ADD, SAM, "  ")
    assert workup.apply(Move.ADD, SAM, " my   aunt ").entries[0].text == "my aunt"
    assert workup.needs_text(Move.ADD) is Text.REQUIRED
    assert workup.legal_moves(SAM) == [Move.ADD, Move.REMOVE, Move.NEXT, Move.BACK]


def test_the_lists_follow_the_steps_in_order():
    steps = list(LISTS)
    assert steps == sorted(steps, key=list(Step).index)


class WorkupWalk(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.workup = ImagoWorkup(owner=SAM)

    @rule(
        move=st.sampled_from(Move),
        by=st.sampled_from([SAM, ALEX]),
        text=st.sampled_from([None, "", "warm", "x" * 300]),
        index=st.sampled_from([None, 0, 1, 5]),
    )
    def make_a_move(self, move, by, text, index) -> None:
        before = self.workup
        try:
            self.workup = before.apply(move, by, text, index=index)
        except AttunementError:
            return
        assert by == SAM
        assert self.workup.version == before.version + 1
        if move is not Move.REMOVE:
            assert len(self.workup.entries) >= len(before.entries)

    @invariant()
    def required_lists_behind_are_filled(self) -> None:
        order = list(Step)
        for step in REQUIRED:
            if order.index(self.workup.step) > order.index(step):
                assert self.workup.listed(LISTS[step])

    @invariant()
    def moves_offered_are_moves_accepted(self) -> None:
        for move in self.workup.legal_moves(SAM):
            if move in (Move.REMOVE, Move.MARK, Move.NEXT):
                continue  # they depend on the list, not only on the step
            text = "words" if self.workup.needs_text(move) is Text.REQUIRED else None
            self.workup.apply(move, SAM, text)


TestWorkupWalk = WorkupWalk.TestCase
TestWorkupWalk.settings = settings(max_examples=50, stateful_step_count=40, deadline=None)
