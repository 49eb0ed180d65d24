"""``attunement db upgrade``: the schema arrives, and a second run changes nothing."""

import sqlalchemy as sa

from attunement.cli.app import app
from attunement.domain.visibility import Viewer


def test_upgrade_creates_the_tables_and_can_run_twice(runner, tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"

    first = runner.invoke(app, ["db", "upgrade", "--database-url", url])
    second = runner.invoke(app, ["db", "upgrade", "--database-url", url])

    assert first.exit_code == second.exit_code == 0, first.output
    tables = sa.inspect(sa.create_engine(url)).get_table_names()
    assert {"people", "couples", "dialogues", "turns"} <= set(tables)


def test_an_unreachable_database_is_one_clear_line(runner):
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none"

    result = runner.invoke(app, ["db", "upgrade", "--database-url", url])

    assert result.exit_code == 1
    assert result.output.startswith("attunement: could not migrate the database")


def test_the_restore_drill_refuses_a_database_that_is_not_postgresql(runner, tmp_path):
    result = runner.invoke(app, ["db", "drill", "--database-url", f"sqlite:///{tmp_path}/x"])

    assert result.exit_code == 1
    assert "PostgreSQL" in result.output


def test_upgrade_seals_the_words_an_older_release_left_in_plaintext(  # noqa: PLR0913, PLR0917
    runner, cli_env, uow, engine, clock, sam
):
    from attunement.domain.ids import PartId
    from attunement.domain.parts import Part, PartRole

    with uow:
        uow.parts.add(Part.named(PartId(""), sam.id, "x", PartRole.MANAGER), now=clock.now())
        uow.commit()
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE parts SET does = 'keeps the peace'"))

    first = runner.invoke(app, ["db", "upgrade"])
    again = runner.invoke(app, ["db", "upgrade"])

    assert first.exit_code == again.exit_code == 0, first.output
    assert "Sealed 1 values" in first.output
    assert "Sealed" not in again.output  # nothing left to seal
    with engine.connect() as connection:
        (stored,) = connection.execute(sa.text("SELECT does FROM parts")).scalars()
    assert stored.startswith("v1:")
    with uow:
        (part,) = uow.parts.visible(viewer=Viewer(sam.id))
    assert part.does == "keeps the peace"
