"""The therapist's safeguard for the Parent-Child Dialogue (issue 4).

Revision ID: 0007_methods2
Revises: 0005_safety
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_methods2"
down_revision: str | None = "0005_safety"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "couple_safeguards",
        sa.Column("couple_id", sa.String(32), nullable=False),
        sa.Column("therapist_id", sa.String(32), nullable=False),
        sa.Column("parent_child_supervised", sa.Boolean(), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["couple_id"],
            ["couples.id"],
            name="fk_couple_safeguards_couple_id_couples",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["therapist_id"],
            ["people.id"],
            name="fk_couple_safeguards_therapist_id_people",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("couple_id", name="pk_couple_safeguards"),
    )


def downgrade() -> None:
    op.drop_table("couple_safeguards")
