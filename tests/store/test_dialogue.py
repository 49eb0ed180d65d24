"""The dialogue repository reads only through a viewer, and refuses a lost race."""

import pytest

from attunement.domain.errors import StaleView
from attunement.domain.exercises.couples_dialogue import Move
from tests.fakes import URGENT_MARKER, SafetyMarkerAnalyzer


@pytest.fixture
def started(talk, sam):
    dialogue_id = talk.start(sam)
    talk.play(dialogue_id, sam, Move.REQUEST_APPOINTMENT, "Money", move_key="first")
    return dialogue_id


@pytest.mark.parametrize(("viewer", "visible"), [("sam", True), ("alex", True), ("casey", False)])
def test_a_dialogue_is_read_only_by_its_couple(request, uow, started, viewer, visible):
    person = request.getfixturevalue(viewer)

    with uow:
        stored = uow.dialogues.get(started, viewer=person.id)
        turns = uow.dialogues.turns(started, viewer=person.id)
        by_key = uow.dialogues.turn_by_key(started, "first", viewer=person.id)

    assert (stored is not None, bool(turns), by_key is not None) == (visible,) * 3


def test_a_withheld_turn_is_read_only_by_its_speaker(talk, uow, started, sam, alex):
    guarded = talk.judged_by(SafetyMarkerAnalyzer())
    guarded.play(started, alex, Move.SCHEDULE, f"Not safe {URGENT_MARKER}", move_key="held")

    with uow:
        speaker = uow.dialogues.turn_by_key(started, "held", viewer=alex.id)
        partner = uow.dialogues.turn_by_key(started, "held", viewer=sam.id)
        partner_turns = uow.dialogues.turns(started, viewer=sam.id)

    assert speaker is not None
    assert speaker.withheld
    assert speaker.analysis is not None
    assert partner is None
    assert [t.text for t in partner_turns] == ["Money"]


def test_saving_over_a_newer_state_is_refused(uow, clock, started, sam):
    with uow:
        stored = uow.dialogues.get(started, viewer=sam.id)
        assert stored is not None
        newer = stored.state.apply(Move.TIME_OUT, sam.id)
        uow.dialogues.save(stored, newer, topic=stored.topic, by=sam.id, now=clock.now())

        with pytest.raises(StaleView):
            uow.dialogues.save(stored, newer, topic=stored.topic, by=sam.id, now=clock.now())


def test_a_move_key_is_used_once(uow, started, sam):
    with uow:
        assert uow.dialogues.key_used(started, "first")
        assert not uow.dialogues.key_used(started, "second")
