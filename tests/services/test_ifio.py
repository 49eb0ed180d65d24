"""The couple's IFIO programme and cycle maps: shared by the two, closed to everyone else."""

import pytest

from attunement.domain.errors import InvalidInput, MoveNotAllowed, NotFound, NotYourMove
from attunement.domain.exercises.cycle_map import Move, Step
from attunement.domain.ids import RunId
from attunement.domain.stages import Sign, Stage
from attunement.services import ifio
from attunement.services.ifio import CycleMove
from attunement.services.runs import RunRef
from tests.fakes import URGENT_MARKER, SafetyMarkerAnalyzer


def test_both_partners_open_the_same_programme_at_stage_one(uow, sam, alex, clock):
    run_a, state = ifio.programme_of(uow, viewer=sam.id, clock=clock)
    run_b, _ = ifio.programme_of(uow, viewer=alex.id, clock=clock)
    assert run_a == run_b
    assert state.stage is Stage.SAFE_SPACE
    assert set(state.partners) == {sam.id, alex.id}


def test_someone_without_a_partner_has_no_programme(uow, morgan, clock):
    with pytest.raises(InvalidInput):
        ifio.programme_of(uow, viewer=morgan.id, clock=clock)


def test_each_partner_ticks_their_own_signs_and_outsiders_are_not_found(uow, sam, casey, clock):
    run, _ = ifio.programme_of(uow, viewer=sam.id, clock=clock)
    ticked = ifio.record_sign(
        uow, RunRef(run, ifio.PROGRAMME, sam.id), Sign.HOPE_AND_FEAR, clock=clock
    )
    assert (Sign.HOPE_AND_FEAR, sam.id) in ticked.met
    with pytest.raises(NotFound):
        ifio.record_sign(
            uow, RunRef(run, ifio.PROGRAMME, casey.id), Sign.HOPE_AND_FEAR, clock=clock
        )
    with pytest.raises(NotYourMove):
        ifio.record_sign(uow, RunRef(run, ifio.PROGRAMME, sam.id), Sign.SCREENED, clock=clock)


def test_moving_on_waits_for_every_sign(uow, sam, clock):
    run, _ = ifio.programme_of(uow, viewer=sam.id, clock=clock)
    with pytest.raises(MoveNotAllowed):
        ifio.confirm_advance(uow, RunRef(run, ifio.PROGRAMME, sam.id), clock=clock)


def mapped(uow, clock, sam, alex, analyzer=None) -> RunId:
    run = ifio.start_cycle_map(uow, by=sam.id, clock=clock)
    analyzer = analyzer or SafetyMarkerAnalyzer()
    for by, move, text in [
        (sam, Move.DESCRIBE_TRIGGER, "Alex comes home late"),
        (sam, Move.DESCRIBE_FEELING, "scared and unimportant"),
        (sam, Move.DESCRIBE_MOVE, "pointed messages"),
        (alex, Move.HAND_OVER, None),
        (alex, Move.DESCRIBE_FEELING, "cornered"),
    ]:
        ifio.move_on_cycle_map(
            uow,
            RunRef(run, ifio.CYCLE, by.id),
            CycleMove(move, text),
            analyzer=analyzer,
            clock=clock,
        )
    return run


def test_a_cycle_map_is_built_by_both_and_read_by_both(uow, sam, alex, clock):
    run = mapped(uow, clock, sam, alex)
    for person in (sam, alex):
        cycle = ifio.cycle_map_of(uow, RunRef(run, ifio.CYCLE, person.id))
        assert [s.owner for s in cycle.steps] == [sam.id, alex.id]
        assert cycle.step is Step.PROTECTOR_MOVE
    assert [run] == [r for r, _ in ifio.cycle_maps_of(uow, viewer=alex.id)]


def test_an_outsider_cannot_read_or_move_on_the_map(uow, sam, alex, casey, clock):
    run = mapped(uow, clock, sam, alex)
    with pytest.raises(NotFound):
        ifio.cycle_map_of(uow, RunRef(run, ifio.CYCLE, casey.id))
    assert ifio.cycle_maps_of(uow, viewer=casey.id) == []


def test_urgent_words_hold_the_map_for_both_and_are_not_kept(uow, sam, alex, clock):
    run = mapped(uow, clock, sam, alex)
    held = ifio.move_on_cycle_map(
        uow,
        RunRef(run, ifio.CYCLE, alex.id),
        CycleMove(Move.DESCRIBE_MOVE, f"I am scared of what happens {URGENT_MARKER}"),
        analyzer=SafetyMarkerAnalyzer(),
        clock=clock,
    )
    assert held.step is Step.SAFETY_HOLD
    seen_by_sam = ifio.cycle_map_of(uow, RunRef(run, ifio.CYCLE, sam.id))
    assert URGENT_MARKER not in repr(seen_by_sam)
    assert seen_by_sam.legal_moves(sam.id) == []
