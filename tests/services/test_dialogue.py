"""Use cases of the Couple's Dialogue: moves, refusals that save nothing, cost of a screen."""

from datetime import timedelta

import pytest

from attunement.domain.errors import (
    InvalidInput,
    MoveNotAllowed,
    NotFound,
    NotYourMove,
    StaleView,
)
from attunement.domain.exercises.couples_dialogue import Move, Role, Step
from attunement.services import dialogue
from attunement.services.dialogue import DialogueMode
from tests.dialogues import ROUND
from tests.fakes import DecliningAnalyzer, SafetyMarkerAnalyzer


@pytest.fixture
def pair(sam, alex):
    return {"sam": sam, "alex": alex}


@pytest.fixture
def started(talk, sam, alex):
    return talk.start(sam)


def test_a_full_round_stores_the_words_in_order(talk, started, pair):
    talk.play_all(started, pair, ROUND)

    view = talk.view(started, pair["alex"])

    assert view.state.step is Step.SWAP_OFFER
    assert view.state.version == len(ROUND)
    assert view.topic == "The dishes"
    assert [(t.speaker, t.move, t.text) for t in view.turns] == [
        (pair[who].id, move, text) for who, move, text in ROUND if text
    ]
    assert [t.index for t in view.turns] == sorted(t.index for t in view.turns)
    assert [t.role for t in view.turns[:2]] == [Role.SENDER, Role.SENDER]
    assert view.turns[2].role is Role.RECEIVER
    assert view.names == {pair["sam"].id: "Sam", pair["alex"].id: "Alex"}


def test_swap_starts_a_new_round_with_roles_reversed(talk, started, pair):
    talk.play_all(started, pair, ROUND)

    result = talk.play(started, pair["alex"], Move.SWAP)

    assert result.view.state.round == 2
    assert result.view.state.sender == pair["alex"].id
    assert result.turn is None  # a move without words adds nothing to read


def test_a_move_with_words_is_judged_and_returned(talk, started, sam):
    result = talk.play(started, sam, Move.REQUEST_APPOINTMENT, "  Money  ")

    assert result.turn is not None
    assert result.turn.text == "Money"
    assert result.turn.analysis is not None
    assert result.view.turns == (result.turn,)
    assert not result.replayed


def test_words_the_engine_declines_are_kept_without_a_reading(talk, started, sam):
    declining = talk.judged_by(DecliningAnalyzer())

    result = declining.play(started, sam, Move.REQUEST_APPOINTMENT, "Geld")

    assert result.turn is not None
    assert result.turn.text == "Geld"
    assert result.turn.analysis is None
    assert result.view.state.step is Step.APPOINTMENT_RESPONSE


def test_the_mirror_is_judged_against_the_latest_chunk_and_its_correction(talk, started, pair):
    judge = SafetyMarkerAnalyzer()
    talk = talk.judged_by(judge)
    talk.play_all(started, pair, ROUND[:4])
    talk.play(started, pair["sam"], Move.PARTLY, "It was lonely, not sad.")

    talk.play(started, pair["alex"], Move.MIRROR, "You felt lonely there.")

    assert judge.responded[-1] == (
        "I felt alone at the sink last night. It was lonely, not sad.",
        "You felt lonely there.",
    )


def test_the_summary_is_judged_against_every_chunk_of_the_round(talk, started, pair):
    judge = SafetyMarkerAnalyzer()
    more = [
        ("sam", Move.ACCURATE, None),
        ("sam", Move.MORE, None),
        ("sam", Move.CHUNK_DONE, "And I wanted you to ask."),
        ("alex", Move.MIRROR, "You wanted me to ask."),
        ("sam", Move.ACCURATE, None),
        ("sam", Move.NO_MORE, None),
        ("alex", Move.SUMMARIZE, "Alone at the sink, and wanting me to ask."),
    ]

    talk.judged_by(judge).play_all(started, pair, [*ROUND[:4], *more])

    said, _ = judge.responded[-1]
    assert said == "I felt alone at the sink last night. And I wanted you to ask."


def test_a_move_out_of_turn_is_refused_and_nothing_is_saved(talk, started, alex):
    with pytest.raises(NotYourMove):
        talk.play(started, alex, Move.REQUEST_APPOINTMENT, "My topic")

    view = talk.view(started, alex)
    assert (view.state.version, view.turns) == (0, ())


def test_the_owner_of_the_step_may_make_that_move(talk, started, sam):
    result = talk.play(started, sam, Move.REQUEST_APPOINTMENT, "My topic")

    assert result.view.state.version == 1


def test_an_illegal_move_is_refused(talk, started, sam):
    with pytest.raises(MoveNotAllowed):
        talk.play(started, sam, Move.ACCURATE)


def test_a_stale_screen_is_refused_and_nothing_is_saved(talk, started, sam):
    talk.play(started, sam, Move.REQUEST_APPOINTMENT, "Money", expected_version=0)

    with pytest.raises(StaleView) as refused:
        talk.play(started, sam, Move.TIME_OUT, expected_version=0)

    assert refused.value.message_key == "dialogue.stale"
    view = talk.view(started, sam)
    assert (view.state.version, view.state.step) == (1, Step.APPOINTMENT_RESPONSE)


def test_a_current_screen_may_move(talk, started, sam):
    result = talk.play(started, sam, Move.REQUEST_APPOINTMENT, "Money", expected_version=0)

    assert result.view.state.version == 1


def test_a_resent_move_is_replayed_not_repeated(talk, started, sam):
    first = talk.play(started, sam, Move.REQUEST_APPOINTMENT, "Money", move_key="k1")

    again = talk.play(started, sam, Move.REQUEST_APPOINTMENT, "Money", move_key="k1")

    assert again.replayed
    assert again.turn == first.turn
    assert again.view.state.version == 1
    assert len(again.view.turns) == 1


def test_a_resent_move_without_words_is_replayed(talk, started, sam, alex):
    talk.play(started, sam, Move.REQUEST_APPOINTMENT, "Money")
    talk.play(started, alex, Move.ACCEPT_NOW, move_key="accept")

    again = talk.play(started, alex, Move.ACCEPT_NOW, move_key="accept")

    assert again.replayed
    assert again.turn is None
    assert again.view.state.version == 2


def test_a_recorded_move_is_saved_like_a_made_one(talk, started, sam):
    done = talk.record(started, sam, Move.REQUEST_APPOINTMENT, "Money", move_key="k1")

    view = talk.view(started, sam)
    assert (done.dialogue, done.version, done.replayed) == (started, 1, False)
    assert (view.state.version, [t.text for t in view.turns]) == (1, ["Money"])


def test_a_recorded_move_resent_is_replayed_not_repeated(talk, started, sam):
    talk.record(started, sam, Move.REQUEST_APPOINTMENT, "Money", move_key="k1")

    again = talk.record(started, sam, Move.REQUEST_APPOINTMENT, "Money", move_key="k1")

    assert (again.version, again.replayed) == (1, True)
    assert len(talk.view(started, sam).turns) == 1


def test_a_recorded_move_is_refused_like_a_made_one(talk, started, alex):
    with pytest.raises(NotYourMove):
        talk.record(started, alex, Move.REQUEST_APPOINTMENT, "My topic")

    assert talk.view(started, alex).state.version == 0


def test_recording_a_move_reads_nothing_back(talk, started, pair, queries, db_url):
    talk.play_all(started, pair, ROUND[:2])
    queries.reset()

    talk.record(started, pair["sam"], Move.CHUNK_DONE, "I felt alone.", move_key="k2")

    # dialogue, both data keys, move key, safety hold, couple and time-out plan (code word),
    # next index, turn, new state: nothing of the view is read back
    assert queries.count == 9 + begin_statements(db_url)


def test_a_new_key_makes_a_new_move(talk, started, sam):
    talk.play(started, sam, Move.REQUEST_APPOINTMENT, "Money", move_key="k1")

    result = talk.play(started, sam, Move.TIME_OUT, move_key="k2")

    assert not result.replayed
    assert result.view.state.step is Step.TIMEOUT


@pytest.mark.parametrize("text", ["", "   \n ", "x" * 20_000])
def test_empty_or_overlong_words_are_refused_and_nothing_is_saved(talk, started, sam, text):
    with pytest.raises(InvalidInput):
        talk.play(started, sam, Move.REQUEST_APPOINTMENT, text)

    view = talk.view(started, sam)
    assert (view.state.version, view.turns) == (0, ())


def test_words_at_the_limit_are_kept(talk, started, pair):
    talk.play_all(started, pair, ROUND[:2])

    result = talk.play(started, pair["sam"], Move.CHUNK_DONE, "x" * 2000)

    assert result.turn is not None
    assert len(result.turn.text) == 2000


def begin_statements(db_url: str) -> int:
    """SQLite sends BEGIN IMMEDIATE as a statement; psycopg begins implicitly."""
    return 1 if db_url.startswith("sqlite") else 0


def test_the_view_costs_the_same_queries_however_long_the_dialogue(
    talk, started, pair, queries, db_url
):
    talk.play_all(started, pair, ROUND[:3])
    queries.reset()
    short = talk.view(started, pair["alex"])
    short_cost = queries.count
    talk.play_all(started, pair, ROUND[3:])
    queries.reset()

    long = talk.view(started, pair["alex"])

    assert len(long.turns) > len(short.turns)
    # dialogue, both partners' data keys (issue 6), turns, names, the last move (a resume's recap)
    assert queries.count == short_cost == 5 + begin_statements(db_url)


@pytest.fixture
def second_round(talk, started, pair):
    """Sam sent a whole round; they swapped, and Alex asked for a time in round 2."""
    talk.play_all(started, pair, ROUND)
    talk.play(started, pair["alex"], Move.SWAP)
    talk.play(started, pair["alex"], Move.REQUEST_APPOINTMENT, "The laundry")
    return started


def test_the_screen_gets_only_this_rounds_turns(talk, second_round, pair):
    screen = dialogue.round_view(talk.uow, second_round, viewer=pair["sam"].id)
    whole = talk.view(second_round, pair["sam"])

    assert screen.state == whole.state
    assert [t.text for t in screen.turns] == ["The laundry"]
    assert [t.text for t in whole.turns][-1] == "The laundry"
    assert len(whole.turns) > len(screen.turns)


def test_during_a_time_out_the_screen_gets_every_turn_for_the_recap(talk, second_round, pair):
    talk.play(second_round, pair["sam"], Move.TIME_OUT)

    screen = dialogue.round_view(talk.uow, second_round, viewer=pair["sam"].id)

    assert screen.state.step is Step.TIMEOUT
    assert screen.turns == talk.view(second_round, pair["sam"]).turns


def test_the_screen_costs_the_queries_of_the_whole_view(talk, second_round, pair, queries, db_url):
    queries.reset()

    dialogue.round_view(talk.uow, second_round, viewer=pair["alex"].id)

    assert queries.count == 5 + begin_statements(db_url)  # as the whole view, fewer rows


def test_a_live_screen_reads_only_the_version(talk, second_round, pair, queries, db_url):
    whole = talk.view(second_round, pair["alex"])
    queries.reset()

    version = dialogue.dialogue_version(talk.uow, second_round, viewer=pair["alex"].id)

    assert version == whole.state.version
    assert queries.count == 1 + begin_statements(db_url)  # the dialogue row alone


@pytest.mark.parametrize("intruder", ["casey", "morgan"])
def test_another_couples_screen_and_version_are_not_found(talk, second_round, intruder, request):
    outsider = request.getfixturevalue(intruder)

    with pytest.raises(NotFound) as screen:
        dialogue.round_view(talk.uow, second_round, viewer=outsider.id)
    with pytest.raises(NotFound) as version:
        dialogue.dialogue_version(talk.uow, second_round, viewer=outsider.id)

    assert screen.value.message_key == version.value.message_key == "dialogue.not_found"


def test_the_list_costs_the_same_queries_however_many_dialogues(talk, pair, queries, db_url):
    talk.start(pair["sam"])
    queries.reset()
    dialogue.dialogues_of(talk.uow, viewer=pair["alex"].id)
    one = queries.count
    for _ in range(3):
        talk.start(pair["alex"], DialogueMode.ONE_DEVICE)
    queries.reset()

    listed = dialogue.dialogues_of(talk.uow, viewer=pair["alex"].id)

    assert len(listed) == 4
    assert queries.count == one == 2 + begin_statements(db_url)  # dialogues, names


def test_the_list_shows_the_most_recently_active_first(talk, sam, alex):
    older = talk.start(sam)
    talk.clock.advance(timedelta(minutes=1))
    newer = talk.start(alex)
    talk.clock.advance(timedelta(minutes=1))
    talk.play(older, sam, Move.REQUEST_APPOINTMENT, "Money")

    listed = dialogue.dialogues_of(talk.uow, viewer=sam.id)

    assert [s.id for s in listed] == [older, newer]
    assert listed[0].topic == "Money"
    assert listed[0].whose_turn_name == "Alex"
    assert listed[0].updated_at == talk.clock.now()


def test_a_dialogue_needs_a_partner(talk, morgan):
    with pytest.raises(InvalidInput) as refused:
        talk.start(morgan)

    assert refused.value.message_key == "dialogue.no_partner"


def test_either_partner_may_start_and_sends_first(talk, sam, alex):
    started = talk.start(alex, DialogueMode.ONE_DEVICE)

    view = talk.view(started, sam)

    assert (view.state.sender, view.state.receiver) == (alex.id, sam.id)
    assert view.mode is DialogueMode.ONE_DEVICE
    assert view.state.step is Step.REQUEST_APPOINTMENT
    assert view.created_at == talk.clock.now()
