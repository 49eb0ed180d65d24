"""The 6 Fs use cases: answers land on the card, the run is private, stale screens are refused."""

import pytest

from attunement.domain.errors import MoveNotAllowed, NotFound, StaleView
from attunement.domain.exercises.six_fs import Move, SixFs, Step
from attunement.domain.parts import PartRole, Permission
from attunement.services import parts, six_fs
from attunement.services.six_fs import SixFsMove


@pytest.fixture
def critic(uow, sam, clock):
    return parts.name_part(uow, owner=sam.id, name="the critic", role=PartRole.MANAGER, clock=clock)


@pytest.fixture
def run(uow, critic, sam, clock):
    return six_fs.start_six_fs(uow, part=critic.id, by=sam.id, clock=clock)


def play(uow, clock, run, by, moves) -> SixFs | None:
    state = None
    for move, text in moves:
        state = six_fs.make_six_fs_move(uow, SixFsMove(run, by.id, move, text), clock=clock)
    return state


def test_the_answers_fill_the_parts_card(uow, clock, run, critic, sam):
    play(uow, clock, run, sam, [
        (Move.CHOOSE_TRAILHEAD, "snapped at dinner"),
        (Move.LOCATE, "tight jaw"),
        (Move.ATTENDING, None),
        (Move.DESCRIBE, "a sharp teacher"),
        (Move.FEEL_TOWARD, "curious"),
        (Move.BEFRIEND, "keeps me from mistakes"),
        (Move.NAME_FEAR, "being laughed at"),
        (Move.PERMISSION_REFUSED, None),
    ])  # fmt: skip

    card = parts.visible_part(uow, critic.id, viewer=sam.id)

    assert (card.body_location, card.description, card.does, card.fears) == (
        "tight jaw",
        "a sharp teacher",
        "keeps me from mistakes",
        "being laughed at",
    )
    assert card.permission is Permission.REFUSED


def test_a_worried_part_becomes_a_new_card_on_the_map(uow, clock, run, sam):
    state = play(uow, clock, run, sam, [
        (Move.CHOOSE_TRAILHEAD, "x"), (Move.LOCATE, "x"), (Move.ATTENDING, None),
        (Move.DESCRIBE, "x"), (Move.FEEL_TOWARD, "scared of it"),
        (Move.WONT_STEP_BACK, "that it takes over"), (Move.MAKE_TARGET, "the worrier"),
    ])  # fmt: skip

    assert state is not None
    assert state.step is Step.FIND
    names = [p.name for p in parts.parts_map(uow, owner=sam.id, viewer=sam.id).parts]
    assert sorted(names) == ["the critic", "the worrier"]


def test_the_run_survives_a_reload_exactly(uow, clock, run, sam):
    after = play(uow, clock, run, sam, [(Move.CHOOSE_TRAILHEAD, "x"), (Move.PAUSE, None)])
    assert six_fs.six_fs_of(uow, run, viewer=sam.id) == after


@pytest.mark.parametrize("intruder", ["alex", "casey"])
def test_someone_elses_run_is_not_found(request, uow, clock, run, intruder):
    person = request.getfixturevalue(intruder)
    with pytest.raises(NotFound):
        six_fs.six_fs_of(uow, run, viewer=person.id)
    with pytest.raises(NotFound):
        six_fs.make_six_fs_move(uow, SixFsMove(run, person.id, Move.PAUSE), clock=clock)


def test_only_the_owner_starts_the_6fs_with_a_part(uow, clock, critic, alex):
    with pytest.raises(NotFound):
        six_fs.start_six_fs(uow, part=critic.id, by=alex.id, clock=clock)


def test_a_stale_screen_is_refused_and_nothing_changes(uow, clock, run, sam):
    play(uow, clock, run, sam, [(Move.CHOOSE_TRAILHEAD, "x")])
    with pytest.raises(StaleView):
        six_fs.make_six_fs_move(
            uow, SixFsMove(run, sam.id, Move.LOCATE, "chest", expected_version=0), clock=clock
        )
    assert six_fs.six_fs_of(uow, run, viewer=sam.id).version == 1
    fresh = SixFsMove(run, sam.id, Move.LOCATE, "chest", expected_version=1)
    assert six_fs.make_six_fs_move(uow, fresh, clock=clock).step is Step.FOCUS


def test_a_refused_move_saves_nothing(uow, clock, run, sam):
    with pytest.raises(MoveNotAllowed):
        six_fs.make_six_fs_move(uow, SixFsMove(run, sam.id, Move.BEFRIEND, "x"), clock=clock)
    assert six_fs.six_fs_of(uow, run, viewer=sam.id).version == 0
