"""Room for sealed text, and who named a dialogue's topic (issue 6: all free text sealed).

A sealed value is longer than the words it hides, so the short text columns that now hold one
become unbounded ``Text``; ``dialogues.topic_by`` records whose key seals the topic. Sealing the
rows already there needs the key file, which a migration never sees: ``attunement db upgrade``
runs that pass (``store/sealing.py``) after this migration.

Revision ID: 0008_sealed
Revises: 0007_methods2
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_sealed"
down_revision: str | None = "0007_methods2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WIDENED = (("dialogues", "topic", 120), ("parts", "name", 60), ("time_out_plans", "code_word", 40))


def upgrade() -> None:
    for table, column, length in WIDENED:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, type_=sa.Text(), existing_type=sa.String(length))
    with op.batch_alter_table("dialogues") as batch:
        batch.add_column(sa.Column("topic_by", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dialogues") as batch:
        batch.drop_column("topic_by")
    for table, column, length in WIDENED:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, type_=sa.String(length), existing_type=sa.Text())
