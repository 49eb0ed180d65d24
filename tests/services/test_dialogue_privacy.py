"""Who may see and move a dialogue: members only, the partner's safety words never (§4.6)."""

import pytest

from attunement.domain.analysis import Safety, SafetyLevel
from attunement.domain.errors import NotFound, NotYourMove, PausedForSafety
from attunement.domain.exercises.couples_dialogue import Move, Step
from attunement.domain.ids import DialogueId
from attunement.domain.sessions import as_the_partner_sees_it
from attunement.services import dialogue
from attunement.services.dialogue import DialogueMode
from tests.fakes import CONCERN_MARKER, URGENT_MARKER, SafetyMarkerAnalyzer

MISSING = DialogueId("0" * 32)
WORRY = f"I am scared to go home tonight {URGENT_MARKER}"


@pytest.fixture
def guarded(talk):
    """The dialogue use cases with an analyzer that finds an urgent risk in ``WORRY``."""
    return talk.judged_by(SafetyMarkerAnalyzer())


@pytest.mark.parametrize("intruder", ["casey", "robin", "morgan"])
def test_someone_elses_dialogue_reads_like_a_missing_one(request, talk, sam, intruder):
    outsider = request.getfixturevalue(intruder)
    started = talk.start(sam)

    with pytest.raises(NotFound) as theirs:
        talk.view(started, outsider)
    with pytest.raises(NotFound) as missing:
        talk.view(MISSING, outsider)

    assert theirs.value.message_key == missing.value.message_key == "dialogue.not_found"
    assert theirs.value.params == missing.value.params


@pytest.mark.parametrize("member", ["sam", "alex"])
def test_both_partners_see_their_dialogue(request, talk, sam, member):
    started = talk.start(sam)

    assert talk.view(started, request.getfixturevalue(member)).id == started


def test_an_outsider_cannot_move_and_learns_nothing(talk, sam, casey):
    started = talk.start(sam)

    with pytest.raises(NotFound) as theirs:
        talk.play(started, casey, Move.TIME_OUT, acting_as=sam)
    with pytest.raises(NotFound) as missing:
        talk.play(MISSING, casey, Move.TIME_OUT, acting_as=sam)

    assert theirs.value.message_key == missing.value.message_key
    assert talk.view(started, sam).state.version == 0


def test_an_outsider_lists_no_dialogues(talk, sam, alex, casey):
    talk.start(sam)

    assert dialogue.dialogues_of(talk.uow, viewer=casey.id) == []
    assert [s.whose_turn_name for s in dialogue.dialogues_of(talk.uow, viewer=alex.id)] == ["Sam"]


def test_two_devices_refuse_acting_for_the_partner(talk, sam, alex):
    started = talk.start(sam)

    with pytest.raises(NotYourMove):
        talk.play(started, alex, Move.REQUEST_APPOINTMENT, "Money", acting_as=sam)

    assert talk.view(started, sam).turns == ()


def test_one_device_lets_the_partner_take_their_turn(talk, sam, alex):
    started = talk.start(sam, DialogueMode.ONE_DEVICE)
    talk.play(started, alex, Move.REQUEST_APPOINTMENT, "Money", acting_as=sam)

    result = talk.play(started, alex, Move.ACCEPT_NOW)

    assert result.view.state.step is Step.SEND
    assert result.view.turns[0].speaker == sam.id


def test_one_device_still_refuses_an_outsider_as_actor(talk, sam, casey):
    started = talk.start(sam, DialogueMode.ONE_DEVICE)

    with pytest.raises(NotYourMove):
        talk.play(started, sam, Move.TIME_OUT, acting_as=casey)


def test_the_partner_sees_the_feedback_but_never_a_safety_reading(guarded, sam, alex):
    started = guarded.start(sam)
    words = f"Money {CONCERN_MARKER}"
    guarded.play(started, sam, Move.REQUEST_APPOINTMENT, words)

    [own] = guarded.view(started, sam).turns
    [partners] = guarded.view(started, alex).turns

    assert own.analysis is not None
    assert own.analysis.utterance.safety.level is SafetyLevel.CONCERN
    assert partners.text == words  # a concern pauses nothing; the words are shared
    assert partners.analysis is not None
    assert partners.analysis.utterance.safety == Safety()
    assert partners.analysis == as_the_partner_sees_it(own.analysis)


def test_urgent_words_are_withheld_and_hold_the_dialogue(guarded, sam, alex):
    started = guarded.start(sam)
    guarded.play(started, sam, Move.REQUEST_APPOINTMENT, "Money")

    held = guarded.play(started, alex, Move.SCHEDULE, WORRY)

    assert held.turn is not None
    assert held.turn.withheld
    assert held.view.state.step is Step.SAFETY_HOLD
    assert held.view.turns[-1].text == WORRY  # the speaker keeps their own words
    partners = guarded.view(started, sam)
    assert [t.text for t in partners.turns] == ["Money"]
    assert partners.state.step is Step.SAFETY_HOLD


def test_ordinary_words_reach_the_partner(guarded, sam, alex):
    started = guarded.start(sam)
    guarded.play(started, sam, Move.REQUEST_APPOINTMENT, "Money")

    result = guarded.play(started, alex, Move.SCHEDULE, "Tonight at eight")

    assert result.turn is not None
    assert not result.turn.withheld
    assert [t.text for t in guarded.view(started, sam).turns] == ["Money", "Tonight at eight"]


@pytest.mark.parametrize("who", ["sam", "alex"])
def test_a_held_dialogue_refuses_every_move(request, guarded, sam, who):
    started = guarded.start(sam)
    guarded.play(started, sam, Move.REQUEST_APPOINTMENT, WORRY)
    person = request.getfixturevalue(who)

    for move in (Move.ACCEPT_NOW, Move.TIME_OUT, Move.ABANDON, Move.RESUME):
        with pytest.raises(PausedForSafety) as refused:
            guarded.play(started, person, move)
        assert refused.value.message_key == "dialogue.paused"

    assert guarded.view(started, sam).state.version == 1
