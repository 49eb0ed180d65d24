"""The backup/restore drill (issue 7, item 4) against the PostgreSQL test database.

``db_url`` is narrowed to PostgreSQL here: pg_dump and pg_restore have no SQLite counterpart.
"""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, make_url, text

from attunement.store.backup_drill import (
    DrillReport,
    TableHash,
    drop_database,
    hashes_of,
    run_drill,
)
from attunement.store.base import Base
from attunement.store.engine import make_engine
from tests.dialogues import ROUND


@pytest.fixture(params=[pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(postgres_url: str, postgres_engine: Engine) -> Iterator[str]:
    yield postgres_url
    with postgres_engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def lived_in(talk, sam, alex):
    """A couple partway through a dialogue: people, sessions of data, turns."""
    dialogue = talk.start(sam)
    people = {"sam": sam, "alex": alex}
    for who, move, words in ROUND[:6]:
        talk.play(dialogue, people[who], move, words)
    return dialogue


def test_a_restored_backup_holds_every_row_of_every_table_and_is_then_dropped(
    lived_in, db_url, postgres_engine
):
    report = run_drill(db_url)

    assert report.differences() == []
    assert set(report.source) >= {table.name for table in Base.metadata.sorted_tables}
    assert all(report.source[table].rows > 0 for table in ("people", "turns"))
    with postgres_engine.connect() as connection:
        left = connection.execute(
            text("SELECT count(*) FROM pg_database WHERE datname = :name"),
            {"name": report.restored_database},
        ).scalar_one()
    assert left == 0


def test_a_changed_row_in_the_restored_copy_is_caught(lived_in, db_url):
    report = run_drill(db_url, keep=True)
    restored = make_url(db_url).set(database=report.restored_database)
    try:
        engine = make_engine(restored.render_as_string(hide_password=False))
        with engine.begin() as connection:
            connection.execute(text("UPDATE turns SET text = text || '!' WHERE text IS NOT NULL"))
        engine.dispose()
        tampered = hashes_of(restored)
    finally:
        drop_database(make_url(db_url), report.restored_database)

    assert tampered["turns"] != report.source["turns"]
    assert tampered["people"] == report.source["people"]


def test_a_missing_or_different_table_is_named():
    same, other = TableHash(2, "a"), TableHash(2, "b")
    report = DrillReport({"people": same, "turns": same}, {"people": other}, "copy")

    assert [line.split(":")[0] for line in report.differences()] == ["people", "turns"]
