"""Alembic, driven from code: no alembic.ini, the scripts live inside the package.

``attunement db upgrade`` and the tests call these; the migration environment reuses
``make_engine`` so a migration runs with the same SQLite settings as the app.
"""

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic configuration for ``url`` with the package's own scripts."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database_url"] = url  # not the ini option: '%' in a URL would break it
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` up to ``revision`` (the newest by default)."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    """Take the database at ``url`` down to ``revision`` (``"base"`` empties it)."""
    command.downgrade(alembic_config(url), revision)
