"""Alembic environment: online migrations only, with the app's own engine settings.

On SQLite, foreign keys are switched off while migrating (Alembic's advice for batch mode): a
batch change copies a table and drops the old one, and with foreign keys on, that drop would
cascade to the rows that point at it (turns of a dialogue, relations of a part).
"""

from alembic import context

import attunement.store.commitments
import attunement.store.couples
import attunement.store.dialogue
import attunement.store.imago
import attunement.store.inner_runs
import attunement.store.parts
import attunement.store.people
import attunement.store.workups  # noqa: F401  (registers the rows on Base.metadata)
from attunement.store.base import Base
from attunement.store.engine import make_engine

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = make_engine(config.attributes["database_url"])
    try:
        with engine.connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:  # before the transaction begins: inside one, the pragma does nothing
                connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=sqlite,
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


run_migrations_online()
