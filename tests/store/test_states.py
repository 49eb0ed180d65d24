"""Every machine survives the trip to JSON and back, mid-run, exactly (one codec for all)."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attunement.domain.errors import AttunementError
from attunement.domain.exercises import cycle_map, self_check_in, six_fs, u_turn, unburdening
from attunement.domain.exercises.workup import ImagoWorkup
from attunement.domain.exercises.workup import Move as WorkupMoveName
from attunement.domain.ids import PartId, PersonId
from attunement.domain.imago_runs import FAMILIES, ImagoKind, apply_move, kind_of, new_run
from attunement.domain.parts import Permission, SelfEnergy
from attunement.domain.stages import IfioProgramme, Sign
from attunement.store.states import from_json, state_from_json, to_json

SAM, ALEX, JORDAN = PersonId("sam"), PersonId("alex"), PersonId("jordan")
MOVES = sorted({m.value for family in FAMILIES.values() for m in family.move})


def six_fs_mid_run() -> six_fs.SixFs:
    run = six_fs.SixFs.start(SAM, "critic", PartId("p1"))
    run = run.apply(six_fs.Move.CHOOSE_TRAILHEAD, SAM, "snapped")
    run = run.apply(six_fs.Move.LOCATE, SAM, "chest").apply(six_fs.Move.ATTENDING, SAM)
    run = run.apply(six_fs.Move.DESCRIBE, SAM, "sharp").apply(
        six_fs.Move.FEEL_TOWARD, SAM, "annoyed"
    )
    return run.apply(six_fs.Move.PAUSE, SAM)


def cycle_mid_run() -> cycle_map.CycleMap:
    cycle = cycle_map.CycleMap(SAM, ALEX).apply(cycle_map.Move.DESCRIBE_TRIGGER, SAM, "late")
    return cycle.apply(cycle_map.Move.DESCRIBE_FEELING, SAM, "scared")


STATES = [
    six_fs_mid_run(),
    cycle_mid_run(),
    self_check_in.SelfCheckIn(SAM)
    .apply(self_check_in.Move.BEGIN, SAM)
    .apply(self_check_in.Move.RATE, SAM, energy=SelfEnergy((1, 2, 3, 4, 0, 1, 2, 3))),
    u_turn.UTurn(SAM, ALEX).apply(u_turn.Move.NOTICE, SAM, "You never listen"),
    unburdening.Unburdening.start(SAM, JORDAN, Permission.GRANTED).apply(
        unburdening.Move.BEGIN, JORDAN
    ),
    IfioProgramme((SAM, ALEX), JORDAN).record(Sign.HOPE_AND_FEAR, for_person=SAM, by=SAM),
]


@pytest.mark.parametrize("state", STATES, ids=lambda s: type(s).__name__)
def test_a_state_round_trips_through_json_text(state):
    text = json.dumps(to_json(state))
    assert from_json(type(state), json.loads(text)) == state


def test_a_plain_generic_value_is_read_as_it_was_written():
    assert from_json(list[int], [1, 2]) == [1, 2]


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(ImagoKind),
    moves=st.lists(
        st.tuples(
            st.sampled_from(MOVES), st.sampled_from([SAM, ALEX]), st.sampled_from([None, "w"])
        ),
        max_size=25,
    ),
)
def test_every_imago_run_state_reads_back_equal(kind, moves):
    run = new_run(kind, sender=SAM, receiver=ALEX)
    for name, by, text in moves:
        try:
            run = apply_move(run, name, by, text, pick=0)
        except AttunementError:
            continue
        assert state_from_json(kind_of(run), json.loads(json.dumps(to_json(run)))) == run


def test_a_workup_with_entries_reads_back_equal():
    workup = ImagoWorkup(owner=SAM).apply(WorkupMoveName.CONSENT, SAM)
    workup = workup.apply(WorkupMoveName.ADD, SAM, "my mother").with_overlap_consent(
        SAM, consent=True
    )
    assert from_json(ImagoWorkup, to_json(workup)) == workup


def test_a_state_written_before_a_field_was_added_reads_with_its_default():
    data = to_json(u_turn.UTurn(SAM, ALEX))
    del data["version"]
    data["a_field_since_removed"] = 1
    assert from_json(u_turn.UTurn, data) == u_turn.UTurn(SAM, ALEX)
