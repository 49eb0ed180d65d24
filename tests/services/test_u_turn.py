"""U-turns: the engine's reading goes to the person; the partner sees only what was said."""

import pytest

from attunement.domain.errors import NotFound, NotYourMove
from attunement.domain.exercises.u_turn import Move, Step
from attunement.services import u_turn
from attunement.services.runs import RunRef

REWRITE = "A part of me gets angry when the phone comes out; it wants to matter to you."


def walk(uow, clock, run, person, moves) -> None:
    for move, text in moves:
        u_turn.move_on_u_turn(uow, RunRef(run, u_turn.KIND, person.id), move, text, clock=clock)


TO_RETURN = [
    (Move.NOTICE, "You never listen to me!"),
    (Move.BREATHE, None),
    (Move.NOTICE_INSIDE, "hot face"),
    (Move.NAME_PART, "the prosecutor"),
    (Move.NAME_NEED, "to matter"),
    (Move.FEEL_TOWARD, "curious"),
    (Move.SPEAK_FOR, REWRITE),
]


def test_the_person_sees_the_engines_notes_and_the_partner_only_the_words(
    uow, clock, sam, alex, analyzer
):
    run = u_turn.start_u_turn(uow, by=sam.id, partner=alex.id, clock=clock)
    walk(uow, clock, run, sam, TO_RETURN)

    mine = u_turn.u_turn_view(uow, RunRef(run, u_turn.KIND, sam.id), analyzer=analyzer)
    theirs = u_turn.u_turn_view(uow, RunRef(run, u_turn.KIND, alex.id), analyzer=analyzer)

    assert mine.state.part_name == "the prosecutor"
    assert mine.state.step is Step.PARTNER_RECEIVES
    assert theirs.state.rewrite == REWRITE
    assert (theirs.state.original, theirs.state.part_name, theirs.state.need) == ("", "", "")
    assert theirs.notes == ()


def test_only_the_partner_mirrors(uow, clock, sam, alex):
    run = u_turn.start_u_turn(uow, by=sam.id, partner=alex.id, clock=clock)
    walk(uow, clock, run, sam, TO_RETURN)
    with pytest.raises(NotYourMove):
        walk(uow, clock, run, sam, [(Move.MIRROR, "me mirroring me")])
    walk(uow, clock, run, alex, [(Move.MIRROR, "A part of you got angry and wants to matter.")])
    assert u_turn.u_turns_of(uow, viewer=alex.id)[0][1].step is Step.DONE


def test_an_outsider_is_not_found(uow, clock, sam, casey, analyzer):
    run = u_turn.start_u_turn(uow, by=sam.id, partner=None, clock=clock)
    with pytest.raises(NotFound):
        u_turn.u_turn_view(uow, RunRef(run, u_turn.KIND, casey.id), analyzer=analyzer)


def test_a_partner_who_is_not_ones_own_is_ignored(uow, clock, sam, casey):
    run = u_turn.start_u_turn(uow, by=sam.id, partner=casey.id, clock=clock)
    assert [r for r, _ in u_turn.u_turns_of(uow, viewer=casey.id)] == []
    assert [r for r, _ in u_turn.u_turns_of(uow, viewer=sam.id)] == [run]
