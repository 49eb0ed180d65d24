"""Check-ins, therapist links and invites, homework, session notes, self-checks (issue 5).

Revision ID: 0004_progress
Revises: 0003_parts
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_progress"
down_revision: str | None = "0003_parts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(32)


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "administrations",
        sa.Column("id", ID, nullable=False),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("instrument", sa.String(64), nullable=False),
        sa.Column("at", _when(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("total", sa.Float(), nullable=True),
        sa.Column("subscales", sa.JSON(), nullable=False),
        sa.Column("shared_with_partner", sa.Boolean(), nullable=False),
        sa.Column("shared_with_therapist", sa.Boolean(), nullable=False),
        _fk("administrations", "person_id", "people", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_administrations"),
    )
    op.create_index("ix_administrations_person_id", "administrations", ["person_id"])
    op.create_table(
        "therapist_links",
        sa.Column("id", ID, nullable=False),
        sa.Column("couple_id", ID, nullable=False),
        sa.Column("therapist_id", ID, nullable=False),
        sa.Column("linked_at", _when(), nullable=False),
        sa.Column("revoked_at", _when(), nullable=True),
        _fk("therapist_links", "couple_id", "couples", "CASCADE"),
        _fk("therapist_links", "therapist_id", "people", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_therapist_links"),
    )
    op.create_index("ix_therapist_links_couple_id", "therapist_links", ["couple_id"])
    op.create_index("ix_therapist_links_therapist_id", "therapist_links", ["therapist_id"])
    op.create_table(
        "therapist_invites",
        sa.Column("id", ID, nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("couple_id", ID, nullable=False),
        sa.Column("created_by", ID, nullable=True),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("expires_at", _when(), nullable=False),
        sa.Column("used_at", _when(), nullable=True),
        sa.Column("used_by", ID, nullable=True),
        _fk("therapist_invites", "couple_id", "couples", "CASCADE"),
        _fk("therapist_invites", "created_by", "people", "SET NULL"),
        _fk("therapist_invites", "used_by", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_therapist_invites"),
        sa.UniqueConstraint("code_hash", name="uq_therapist_invites_code_hash"),
    )
    op.create_index("ix_therapist_invites_couple_id", "therapist_invites", ["couple_id"])
    op.create_table(
        "homework",
        sa.Column("id", ID, nullable=False),
        sa.Column("couple_id", ID, nullable=False),
        sa.Column("assigned_by", ID, nullable=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("assigned_at", _when(), nullable=False),
        sa.Column("done_at", _when(), nullable=True),
        _fk("homework", "couple_id", "couples", "CASCADE"),
        _fk("homework", "assigned_by", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_homework"),
    )
    op.create_index("ix_homework_couple_id", "homework", ["couple_id"])
    for table, columns in (
        ("session_notes", [sa.Column("text", sa.Text(), nullable=False)]),
        (
            "self_checks",
            [
                sa.Column("parts_stirred", sa.Text(), nullable=False),
                sa.Column("felt_with", sa.Text(), nullable=False),
                sa.Column("back_to_self", sa.Text(), nullable=False),
            ],
        ),
    ):
        op.create_table(
            table,
            sa.Column("id", ID, nullable=False),
            sa.Column("author_id", ID, nullable=False),
            sa.Column("couple_id", ID, nullable=False),
            *columns,
            sa.Column("written_at", _when(), nullable=False),
            _fk(table, "author_id", "people", "CASCADE"),
            _fk(table, "couple_id", "couples", "CASCADE"),
            sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        )
        op.create_index(f"ix_{table}_author_id", table, ["author_id"])


def downgrade() -> None:
    for table in ("self_checks", "session_notes"):
        op.drop_index(f"ix_{table}_author_id", table_name=table)
        op.drop_table(table)
    op.drop_index("ix_homework_couple_id", table_name="homework")
    op.drop_table("homework")
    op.drop_index("ix_therapist_invites_couple_id", table_name="therapist_invites")
    op.drop_table("therapist_invites")
    op.drop_index("ix_therapist_links_therapist_id", table_name="therapist_links")
    op.drop_index("ix_therapist_links_couple_id", table_name="therapist_links")
    op.drop_table("therapist_links")
    op.drop_index("ix_administrations_person_id", table_name="administrations")
    op.drop_table("administrations")
