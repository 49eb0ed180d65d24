"""Deleting Alex rewrites every state Alex shared, for the others only, without Alex's words.

Each joint exercise is written the way its machine writes it, with a canary in Alex's words and
Sam's own words beside them; after the deletion Sam (and Jordan, for the unburdening Alex led as
client) read the marker where Alex's words were, their own words as they were, the same step, and
no copy of any state is sealed for Alex any more. On SQLite the file's bytes hold no canary.
"""

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from attunement.domain.exercises import cycle_map, u_turn
from attunement.domain.exercises.behavior_change import BehaviorChangeRequest
from attunement.domain.exercises.parent_child import ParentChildDialogue
from attunement.domain.exercises.time_out import TimeOut
from attunement.domain.exercises.unburdening import Unburdening
from attunement.domain.forgetting import SHREDDED
from attunement.domain.sessions import DialogueMode
from attunement.domain.stages import IfioProgramme
from attunement.services import account_data, time_outs
from attunement.services.account_data import Erasure
from attunement.services.runs import runs_of
from tests.conftest import PERSONA_PASSWORD

CANARY = "canary-" + "f0r9e7a1"
WORD = "quokkalemon"  # the code word, which either partner may have chosen
REQUEST = "Text me when you leave the office, every weekday for two weeks"


@pytest.fixture
def shared(uow, clock, couple, sam, alex, jordan):  # noqa: PLR0913, PLR0917
    """One state of each joint kind, Alex's words in each, and Sam's own words where Sam writes."""
    now = clock.now()
    turn = u_turn.UTurn(alex.id, sam.id).apply(u_turn.Move.NOTICE, alex.id, f"Alex {CANARY}")
    cycle = cycle_map.CycleMap(first=alex.id, second=sam.id)
    for move, by, words in [
        (cycle_map.Move.DESCRIBE_TRIGGER, alex, f"trigger {CANARY}"),
        (cycle_map.Move.DESCRIBE_FEELING, alex, f"feeling {CANARY}"),
        (cycle_map.Move.DESCRIBE_MOVE, alex, f"move {CANARY}"),
        (cycle_map.Move.HAND_OVER, sam, None),
        (cycle_map.Move.DESCRIBE_FEELING, sam, "Sam's own feeling"),
    ]:
        cycle = cycle.apply(move, by.id, words)
    request = BehaviorChangeRequest(
        alex.id, sam.id, requests=(f"{REQUEST} {CANARY}",), restatement="Sam's own restatement"
    )
    parent = ParentChildDialogue(alex.id, sam.id, caregiver=CANARY)
    with uow:
        uow.runs.add("u_turn", (alex.id, sam.id), replace(turn, mirror="Sam mirrors"), now=now)
        uow.runs.add("cycle_map", (alex.id, sam.id), cycle, now=now)
        uow.runs.add("ifio_programme", (sam.id, alex.id), IfioProgramme((sam.id, alex.id)), now=now)
        away = TimeOut(alex.id, sam.id, now, now + timedelta(minutes=20))
        uow.runs.add("time_out", (alex.id, sam.id), away, now=now)
        unburdening = Unburdening(alex.id, jordan.id, after_note=f"note {CANARY}")
        uow.runs.add("unburdening", (alex.id, jordan.id), unburdening, now=now)
        for state in (request, parent):
            uow.imago_runs.add(couple.id, state, mode=DialogueMode.ONE_DEVICE, now=now)
        uow.commit()
    time_outs.agree_time_out_plan(uow, by=alex.id, code_word=WORD, min_minutes=20, clock=clock)


def _delete_alex(uow, hasher, clock, alex) -> None:
    erasure = Erasure(alex.id, PERSONA_PASSWORD)
    account_data.delete_account(uow, erasure, hasher=hasher, clock=clock)


def test_before_alex_leaves_sam_reads_alexs_words(uow, sam, shared):  # the twin
    (_, turn), *_ = runs_of(uow, "u_turn", u_turn.UTurn, viewer=sam.id)
    assert CANARY in turn.original
    assert time_outs.time_out_plan_of(uow, viewer=sam.id) is not None


def test_sam_sees_where_each_exercise_stopped_without_alexs_words(  # noqa: PLR0913, PLR0917
    uow, hasher, clock, sam, alex, shared
):
    before = _everything_of(uow, sam.id)
    shared_at = clock.now()
    clock.advance(timedelta(days=3))

    _delete_alex(uow, hasher, clock, alex)

    (_, turn), *_ = runs_of(uow, "u_turn", u_turn.UTurn, viewer=sam.id)
    assert (turn.original, turn.mirror, turn.step) == (SHREDDED, "Sam mirrors", u_turn.Step.PAUSE)
    (_, cycle), *_ = runs_of(uow, "cycle_map", cycle_map.CycleMap, viewer=sam.id)
    first, second = cycle.steps
    assert (first.observed_trigger, first.inner_feeling, first.protector_move) == (SHREDDED,) * 3
    assert (second.observed_trigger, second.inner_feeling) == (SHREDDED, "Sam's own feeling")
    assert cycle.step is cycle_map.Step.PROTECTOR_MOVE
    with uow:
        request, parent = sorted(uow.imago_runs.of_viewer(sam.id), key=lambda r: r.kind.value)
    assert request.state.requests == (SHREDDED,)
    assert request.state.restatement == "Sam's own restatement"
    assert parent.state.caregiver == SHREDDED
    assert time_outs.time_out_plan_of(uow, viewer=sam.id) is None
    assert [r.updated_at for r in (request, parent)] == [shared_at] * 2  # no new move
    after = _everything_of(uow, sam.id)
    assert CANARY in before
    assert CANARY not in after
    assert [
        k for k in ("u_turn", "cycle_map", "ifio_programme", "time_out") if k not in after
    ] == []


def test_the_therapist_keeps_the_unburdening_without_the_clients_note(  # noqa: PLR0913, PLR0917
    uow, hasher, clock, alex, jordan, shared
):
    _delete_alex(uow, hasher, clock, alex)

    (_, run), *_ = runs_of(uow, "unburdening", Unburdening, viewer=jordan.id)
    assert run.after_note == SHREDDED
    assert run.client == alex.id  # the run still says whose it was, as a placeholder


def test_no_state_is_sealed_for_alex_any_more_and_sams_copies_stay(  # noqa: PLR0913, PLR0917
    uow, hasher, clock, engine, sam, alex, jordan, shared
):
    assert len([owners for owners in _sealed_copies(engine) if alex.id in owners]) == 7  # twin

    _delete_alex(uow, hasher, clock, alex)

    copies = _sealed_copies(engine)
    assert len(copies) == 7  # every joint state is still there
    assert [owners for owners in copies if alex.id in owners] == []
    assert [owners for owners in copies if sam.id not in owners] == [[jordan.id]]


def test_on_sqlite_the_file_holds_no_word_of_alexs(  # noqa: PLR0913, PLR0917
    uow, hasher, clock, engine, db_url, alex, shared
):
    if not db_url.startswith("sqlite"):
        pytest.skip("the file's bytes are SQLite's")
    _delete_alex(uow, hasher, clock, alex)
    engine.dispose()

    path = Path(db_url.removeprefix("sqlite:///"))
    wal = path.with_name(path.name + "-wal")
    stored = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert CANARY.encode() not in stored
    assert WORD.encode() not in stored


def _everything_of(uow, viewer) -> str:
    """Every state ``viewer`` can open, as one text."""
    with uow:
        kinds = ("u_turn", "cycle_map", "ifio_programme", "time_out")
        runs = {kind: [r.state for r in uow.runs.of_member(kind, viewer=viewer)] for kind in kinds}
        imago = [str(r.state) for r in uow.imago_runs.of_viewer(viewer)]
        plan = uow.couples.of_member(viewer)
        word = None if plan is None else uow.time_out_plans.of_couple(plan.id)
    return json.dumps({**runs, "imago": imago, "plan": str(word)})


def _sealed_copies(engine) -> list[list[str]]:
    """Whose copies each joint state is sealed for, straight from the rows."""
    with engine.connect() as connection:
        rows = [
            *connection.execute(text("SELECT state FROM inner_runs")),
            *connection.execute(text("SELECT state FROM imago_runs")),
        ]
    stored = [row[0] if isinstance(row[0], dict) else json.loads(row[0]) for row in rows]
    return [sorted(state["sealed"]) for state in stored]
