"""Imago runs and turns, commitments and their check-ins, time-out plans, workups (issue 4).

Revision ID: 0002_imago
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_imago"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(32)


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "imago_runs",
        sa.Column("id", ID, nullable=False),
        sa.Column("couple_id", ID, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("updated_at", _when(), nullable=False),
        sa.ForeignKeyConstraint(
            ["couple_id"], ["couples.id"], name="fk_imago_runs_couple_id_couples"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_imago_runs"),
    )
    op.create_index("ix_imago_runs_couple_id", "imago_runs", ["couple_id"])
    op.create_table(
        "imago_turns",
        sa.Column("id", ID, nullable=False),
        sa.Column("run_id", ID, nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("speaker_id", ID, nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("move", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("withheld", sa.Boolean(), nullable=False),
        sa.Column("move_key", sa.String(64), nullable=True),
        sa.Column("created_at", _when(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["imago_runs.id"],
            name="fk_imago_turns_run_id_imago_runs",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["people.id"], name="fk_imago_turns_speaker_id_people"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_imago_turns"),
        sa.UniqueConstraint("run_id", "index", name="uq_imago_turns_run_id_index"),
        sa.UniqueConstraint("run_id", "move_key", name="uq_imago_turns_run_id_move_key"),
    )
    op.create_table(
        "commitments",
        sa.Column("id", ID, nullable=False),
        sa.Column("couple_id", ID, nullable=False),
        sa.Column("run_id", ID, nullable=False),
        sa.Column("requester_id", ID, nullable=False),
        sa.Column("giver_id", ID, nullable=False),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("restatement", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.ForeignKeyConstraint(
            ["couple_id"], ["couples.id"], name="fk_commitments_couple_id_couples"
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["imago_runs.id"], name="fk_commitments_run_id_imago_runs"
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"], ["people.id"], name="fk_commitments_requester_id_people"
        ),
        sa.ForeignKeyConstraint(["giver_id"], ["people.id"], name="fk_commitments_giver_id_people"),
        sa.PrimaryKeyConstraint("id", name="pk_commitments"),
        sa.UniqueConstraint("run_id", name="uq_commitments_run_id"),
    )
    op.create_index("ix_commitments_couple_id", "commitments", ["couple_id"])
    op.create_table(
        "follow_ups",
        sa.Column("id", ID, nullable=False),
        sa.Column("commitment_id", ID, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("by_id", ID, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitments.id"],
            name="fk_follow_ups_commitment_id_commitments",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["by_id"], ["people.id"], name="fk_follow_ups_by_id_people"),
        sa.PrimaryKeyConstraint("id", name="pk_follow_ups"),
        sa.UniqueConstraint(
            "commitment_id", "day", "by_id", name="uq_follow_ups_commitment_id_day_by_id"
        ),
    )
    op.create_table(
        "time_out_plans",
        sa.Column("couple_id", ID, nullable=False),
        sa.Column("code_word", sa.String(40), nullable=False),
        sa.Column("min_minutes", sa.Integer(), nullable=False),
        sa.Column("max_hours", sa.Integer(), nullable=False),
        sa.Column("updated_at", _when(), nullable=False),
        sa.ForeignKeyConstraint(
            ["couple_id"], ["couples.id"], name="fk_time_out_plans_couple_id_couples"
        ),
        sa.PrimaryKeyConstraint("couple_id", name="pk_time_out_plans"),
    )
    op.create_table(
        "workups",
        sa.Column("id", ID, nullable=False),
        sa.Column("owner_id", ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("updated_at", _when(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["people.id"], name="fk_workups_owner_id_people"),
        sa.PrimaryKeyConstraint("id", name="pk_workups"),
        sa.UniqueConstraint("owner_id", name="uq_workups_owner_id"),
    )


def downgrade() -> None:
    op.drop_table("workups")
    op.drop_table("time_out_plans")
    op.drop_table("follow_ups")
    op.drop_index("ix_commitments_couple_id", table_name="commitments")
    op.drop_table("commitments")
    op.drop_table("imago_turns")
    op.drop_index("ix_imago_runs_couple_id", table_name="imago_runs")
    op.drop_table("imago_runs")
