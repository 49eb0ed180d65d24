"""The parts repository filters in SQL exactly as ``may_see`` does, and runs stay with members."""

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, delete
from sqlalchemy.orm import Session

from attunement.domain.errors import StaleView
from attunement.domain.exercises.six_fs import Move, SixFs, Step
from attunement.domain.ids import PartId, PersonId
from attunement.domain.parts import Burden, BurdenKind, BurdenOrigin, Part, PartRole
from attunement.domain.visibility import Viewer, Visibility, may_see
from attunement.store.base import Base
from attunement.store.crypto import Sealer, process_key_ring
from attunement.store.parts import PartRepository, PartRow
from attunement.store.people import PersonRow
from attunement.store.states import from_json

NOW = datetime(2026, 11, 25, tzinfo=UTC)
PEOPLE = [PersonId(f"p{n}") for n in range(5)]


@pytest.fixture(scope="module")
def scratch() -> Session:
    """One in-memory database for the random worlds; each example empties the parts first."""
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    session = Session(engine)
    for person in PEOPLE:
        session.add(
            PersonRow(
                id=person,
                username=person,
                display_name=person,
                kind="partner",
                password_hash="-",
                created_at=NOW,
            )
        )
    session.flush()
    return session


worlds = st.lists(
    st.tuples(st.sampled_from(PEOPLE), st.sampled_from(Visibility)), min_size=0, max_size=8
)
viewers = st.builds(
    Viewer,
    person=st.sampled_from(PEOPLE),
    partners=st.frozensets(st.sampled_from(PEOPLE), max_size=2),
    clients=st.frozensets(st.sampled_from(PEOPLE), max_size=3),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(world=worlds, viewer=viewers)
def test_the_sql_filter_agrees_with_may_see_on_random_worlds(scratch, world, viewer):
    scratch.execute(delete(PartRow))
    repository = PartRepository(scratch, Sealer(scratch, process_key_ring()))
    stored = [
        repository.add(
            Part.named(PartId(""), owner, f"part {n}", PartRole.UNKNOWN).shared_as(vis), now=NOW
        )
        for n, (owner, vis) in enumerate(world)
    ]

    seen = {part.id for part in repository.visible(viewer=viewer)}

    assert seen == {part.id for part in stored if may_see(viewer, part)}
    for part in stored:
        assert (repository.get(part.id, viewer=viewer) is not None) == may_see(viewer, part)


def test_a_part_comes_back_as_it_was_written(uow, sam):
    burden = Burden.carried(BurdenKind.BELIEF, "I am too much", BurdenOrigin.LEGACY)
    part = (
        Part.named(PartId(""), sam.id, "the critic", PartRole.MANAGER)
        .with_trigger("raised voices")
        .with_burden(burden)
        .with_trust(2)
    )
    with uow:
        stored = uow.parts.add(part, now=NOW)
        uow.commit()
    with uow:
        again = uow.parts.get(stored.id, viewer=Viewer(sam.id))

    assert again == stored
    assert again is not None
    assert again.burdens == (burden,)
    assert again.triggers == ("raised voices",)


def test_save_touches_only_the_owners_row(uow, sam, alex):
    with uow:
        stored = uow.parts.add(Part.named(PartId(""), sam.id, "critic", PartRole.MANAGER), now=NOW)
        forged = Part.named(stored.id, alex.id, "renamed by alex", PartRole.EXILE)
        uow.parts.save(forged, now=NOW)
        uow.commit()
    with uow:
        again = uow.parts.get(stored.id, viewer=Viewer(sam.id))
    assert again is not None
    assert again.name == "critic"


def test_a_run_is_read_by_its_members_only_and_a_lost_race_is_stale(uow, sam, alex):
    session = SixFs.start(sam.id, "critic")
    with uow:
        run = uow.runs.add("six_fs", (sam.id,), session, now=NOW)
        uow.commit()
    with uow:
        mine = uow.runs.get(run, "six_fs", viewer=sam.id)
        theirs = uow.runs.get(run, "six_fs", viewer=alex.id)
        other_kind = uow.runs.get(run, "u_turn", viewer=sam.id)
        assert mine is not None
        moved = session.apply(Move.CHOOSE_TRAILHEAD, sam.id, "snapped")
        uow.runs.save(mine, moved, now=NOW)
        with pytest.raises(StaleView):
            uow.runs.save(mine, moved, now=NOW)  # the version it was read at has moved on
        uow.commit()
    with uow:
        again = uow.runs.get(run, "six_fs", viewer=sam.id)

    assert theirs is None
    assert other_kind is None
    assert again is not None
    assert from_json(SixFs, again.state).step is Step.FIND
