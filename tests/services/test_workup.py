"""Use cases of the Imago Workup: one's own only, saved at every move, overlaps with two yeses."""

import pytest

from attunement.domain.errors import StaleView
from attunement.domain.exercises.workup import Move, Step
from attunement.services import workup
from attunement.services.workup import WorkupMove


def play(uow, clock, person, moves) -> workup.WorkupView:
    view = workup.workup_of(uow, owner=person.id)
    for move, text in moves:
        view = workup.workup_move(uow, WorkupMove(person.id, move, text), clock=clock)
    return view


TRAITS = [
    (Move.CONSENT, None),
    (Move.ADD, "my father"),
    (Move.NEXT, None),
    (Move.ADD, "playful"),
    (Move.NEXT, None),
    (Move.ADD, "busy"),
    (Move.NEXT, None),
    (Move.ADD, "time together"),
    (Move.NEXT, None),
    (Move.NEXT, None),
    (Move.NEXT, None),
    (Move.NEXT, None),
    (Move.ACCEPT, None),
    (Move.ADD, "funny"),
]


def test_a_fresh_workup_waits_for_consent_and_saves_every_move(uow, clock, sam):
    assert workup.workup_of(uow, owner=sam.id).workup.step is Step.INTRO_CONSENT
    play(uow, clock, sam, TRAITS[:2])
    assert [e.text for e in workup.workup_of(uow, owner=sam.id).workup.entries] == ["my father"]


def test_each_person_sees_only_their_own(uow, clock, sam, alex):
    play(uow, clock, sam, TRAITS[:2])
    assert workup.workup_of(uow, owner=alex.id).workup.entries == ()


def test_overlaps_need_both_yeses(uow, clock, sam, alex):
    play(uow, clock, sam, TRAITS)
    mine = workup.set_overlap_consent(uow, owner=sam.id, consent=True, clock=clock)
    assert mine.overlaps == ()
    assert not mine.partner_consents

    workup.set_overlap_consent(uow, owner=alex.id, consent=True, clock=clock)
    both = workup.workup_of(uow, owner=sam.id)
    assert [(o.caregiver_trait, o.partner_trait) for o in both.overlaps] == [("playful", "funny")]

    workup.set_overlap_consent(uow, owner=alex.id, consent=False, clock=clock)
    assert workup.workup_of(uow, owner=sam.id).overlaps == ()


def test_a_move_from_an_old_tab_is_refused(uow, clock, sam):
    play(uow, clock, sam, TRAITS[:2])
    with pytest.raises(StaleView):
        workup.workup_move(
            uow, WorkupMove(sam.id, Move.ADD, "my aunt", expected_version=0), clock=clock
        )
    assert len(workup.workup_of(uow, owner=sam.id).workup.entries) == 1
