"""The migrations build exactly the tables the rows describe, and can be undone."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, Engine, Integer, MetaData, Table, inspect

import attunement.store.uow  # noqa: F401  (imports every row module)
from attunement.store.base import Base
from attunement.store.migrate import downgrade, upgrade

TABLES = {"people", "web_sessions", "couples", "invites", "dialogues", "turns"}
TABLES |= {"imago_runs", "imago_turns", "commitments", "follow_ups", "time_out_plans", "workups"}
TABLES |= {"parts", "part_relations", "inner_runs"}  # issue 4
TABLES |= {"administrations", "therapist_links", "therapist_invites", "homework", "session_notes",
           "self_checks"}  # issue 5  # fmt: skip
TABLES |= {"data_keys", "safety_screens", "safety_flags", "audit_log"}  # issue 6
TABLES |= {"couple_safeguards"}  # issue 4, Parent-Child safeguard


def drift(engine: Engine, metadata: MetaData = Base.metadata) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def test_autogenerate_sees_no_drift_after_upgrade(engine):
    assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}
    assert drift(engine) == []


def test_autogenerate_would_see_a_table_the_migrations_lack(engine):
    grown = MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(grown)
    Table("notes", grown, Column("id", Integer, primary_key=True))

    assert [change[0] for change in drift(engine, grown)] == ["add_table"]  # type: ignore[index]


def test_the_migrations_go_down_to_nothing_and_up_again(db_url, engine):
    downgrade(db_url, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}

    upgrade(db_url)

    assert drift(engine) == []
