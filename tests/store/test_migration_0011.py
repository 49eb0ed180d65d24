"""Migration 0011: unburdening runs stored before the witness screen read back unchanged."""

from sqlalchemy import create_engine, select, update

from attunement.domain.parts import PartRole, Permission
from attunement.services import parts, unburdening
from attunement.store.inner_runs import RunRow
from attunement.store.migrate import downgrade, upgrade
from attunement.store.sealing import seal_plaintext
from attunement.store.states import to_json


def stored_state(db_url: str, run: str) -> dict[str, object]:
    engine = create_engine(db_url)
    with engine.connect() as connection:
        state = connection.scalar(select(RunRow.state).where(RunRow.id == run))
    engine.dispose()
    assert isinstance(state, dict)
    return state


def test_an_older_run_gains_an_empty_choice_and_reads_back(  # noqa: PLR0913, PLR0917
    db_url, uow, clock, sam, jordan, session_factory
):
    part = parts.name_part(uow, owner=sam.id, name="little one", role=PartRole.EXILE, clock=clock)
    with uow:
        uow.parts.save(part.with_permission(Permission.GRANTED), now=clock.now())
        uow.commit()
    run = unburdening.start_unburdening(uow, part=part.id, by=sam.id, clock=clock)
    with uow:
        stored = uow.runs.get(run, "unburdening", viewer=sam.id)
        assert stored is not None
        older = {k: v for k, v in to_json(stored.state).items() if k != "shared"}
    with session_factory() as session:  # as a release before the witness screen wrote it
        session.execute(update(RunRow).where(RunRow.id == run).values(state=older))
        session.commit()

    downgrade(db_url, "0007_methods2")
    assert "shared" not in stored_state(db_url, run)
    upgrade(db_url)

    assert stored_state(db_url, run)["shared"] == []
    seal_plaintext(session_factory, uow._keys)
    assert "sealed" in stored_state(db_url, run)
    read = unburdening.unburdening_of(uow, run, viewer=sam.id)
    assert read.shared == frozenset()
    assert read.therapist == jordan.id


def test_a_sealed_run_is_left_alone_on_the_way_down_and_up(db_url, uow, clock, sam, jordan):
    part = parts.name_part(uow, owner=sam.id, name="little one", role=PartRole.EXILE, clock=clock)
    with uow:
        uow.parts.save(part.with_permission(Permission.GRANTED), now=clock.now())
        uow.commit()
    run = unburdening.start_unburdening(uow, part=part.id, by=sam.id, clock=clock)
    sealed = stored_state(db_url, run)
    assert "sealed" in sealed

    downgrade(db_url, "0007_methods2")
    upgrade(db_url)

    assert stored_state(db_url, run) == sealed
    assert unburdening.unburdening_of(uow, run, viewer=sam.id).shared == frozenset()
