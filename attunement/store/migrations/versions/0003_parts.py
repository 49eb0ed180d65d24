"""Parts, part relations and the guided IFS/IFIO runs (issue 4).

Revision ID: 0003_parts
Revises: 0002_imago
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_parts"
down_revision: str | None = "0002_imago"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(32)


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "parts",
        sa.Column("id", ID, nullable=False),
        sa.Column("owner_id", ID, nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("body_location", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("felt_age", sa.Text(), nullable=False),
        sa.Column("does", sa.Text(), nullable=False),
        sa.Column("fears", sa.Text(), nullable=False),
        sa.Column("triggers", sa.JSON(), nullable=False),
        sa.Column("burdens", sa.JSON(), nullable=False),
        sa.Column("trust_level", sa.Integer(), nullable=False),
        sa.Column("permission", sa.String(16), nullable=False),
        sa.Column("visibility", sa.String(32), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("updated_at", _when(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["people.id"], name="fk_parts_owner_id_people"),
        sa.PrimaryKeyConstraint("id", name="pk_parts"),
    )
    op.create_index("ix_parts_owner_id", "parts", ["owner_id"])
    op.create_table(
        "part_relations",
        sa.Column("id", ID, nullable=False),
        sa.Column("from_part", ID, nullable=False),
        sa.Column("to_part", ID, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.ForeignKeyConstraint(
            ["from_part"],
            ["parts.id"],
            name="fk_part_relations_from_part_parts",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_part"], ["parts.id"], name="fk_part_relations_to_part_parts", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_part_relations"),
        sa.UniqueConstraint(
            "from_part", "to_part", "kind", name="uq_part_relations_from_part_to_part_kind"
        ),
    )
    op.create_index("ix_part_relations_from_part", "part_relations", ["from_part"])
    op.create_index("ix_part_relations_to_part", "part_relations", ["to_part"])
    op.create_table(
        "inner_runs",
        sa.Column("id", ID, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("person_a", ID, nullable=False),
        sa.Column("person_b", ID, nullable=True),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("updated_at", _when(), nullable=False),
        sa.ForeignKeyConstraint(["person_a"], ["people.id"], name="fk_inner_runs_person_a_people"),
        sa.ForeignKeyConstraint(["person_b"], ["people.id"], name="fk_inner_runs_person_b_people"),
        sa.PrimaryKeyConstraint("id", name="pk_inner_runs"),
    )
    op.create_index("ix_inner_runs_person_a", "inner_runs", ["person_a"])
    op.create_index("ix_inner_runs_person_b", "inner_runs", ["person_b"])


def downgrade() -> None:
    op.drop_index("ix_inner_runs_person_b", table_name="inner_runs")
    op.drop_index("ix_inner_runs_person_a", table_name="inner_runs")
    op.drop_table("inner_runs")
    op.drop_index("ix_part_relations_to_part", table_name="part_relations")
    op.drop_index("ix_part_relations_from_part", table_name="part_relations")
    op.drop_table("part_relations")
    op.drop_index("ix_parts_owner_id", table_name="parts")
    op.drop_table("parts")
