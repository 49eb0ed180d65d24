"""Every guided machine survives the trip to JSON and back, mid-run, exactly."""

import json

import pytest

from attunement.domain.exercises import cycle_map, self_check_in, six_fs, u_turn, unburdening
from attunement.domain.ids import PartId, PersonId
from attunement.domain.parts import Permission, SelfEnergy
from attunement.domain.stages import IfioProgramme, Sign
from attunement.store.states import from_json, to_json

SAM, ALEX, JORDAN = PersonId("sam"), PersonId("alex"), PersonId("jordan")


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
