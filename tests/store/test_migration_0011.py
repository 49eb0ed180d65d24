"""Migration 0011: unburdening runs stored before the witness screen read back unchanged."""

from sqlalchemy import create_engine, select

from attunement.domain.parts import PartRole, Permission
from attunement.services import parts, unburdening
from attunement.store.migrate import downgrade, upgrade
from attunement.store.parts import RunRow


def stored_state(db_url: str, run: str) -> dict[str, object]:
    engine = create_engine(db_url)
    with engine.connect() as connection:
        state = connection.scalar(select(RunRow.state).where(RunRow.id == run))
    engine.dispose()
    assert isinstance(state, dict)
    return state


def test_an_older_run_gains_an_empty_choice_and_reads_back(db_url, uow, clock, sam, jordan):
    part = parts.name_part(uow, owner=sam.id, name="little one", role=PartRole.EXILE, clock=clock)
    with uow:
        uow.parts.save(part.with_permission(Permission.GRANTED), now=clock.now())
        uow.commit()
    run = unburdening.start_unburdening(uow, part=part.id, by=sam.id, clock=clock)

    downgrade(db_url, "0007_methods2")
    assert "shared" not in stored_state(db_url, run)
    upgrade(db_url)

    assert stored_state(db_url, run)["shared"] == []
    read = unburdening.unburdening_of(uow, run, viewer=sam.id)
    assert read.shared == frozenset()
    assert read.therapist == jordan.id
