"""Alembic environment: online migrations only, with the app's own engine settings."""

from alembic import context

import attunement.store.commitments
import attunement.store.couples
import attunement.store.dialogue
import attunement.store.imago
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
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=connection.dialect.name == "sqlite",
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


run_migrations_online()
