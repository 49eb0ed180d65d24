"""Safety screens and flags, data keys, the audit log, re-login time of sessions (issue 6).

Revision ID: 0005_safety
Revises: 0004_progress
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_safety"
down_revision: str | None = "0004_progress"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(32)

# Rows cannot be edited; DELETE is withheld from the app role by grants (docs/security.md),
# since the test fixtures empty tables between tests.
NO_CHANGES = """
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
"""


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("web_sessions", sa.Column("confirmed_at", sa.DateTime(timezone=True)))
    op.create_table(
        "data_keys",
        sa.Column("person_id", ID, nullable=False),
        sa.Column("wrapped", sa.LargeBinary(), nullable=False),
        sa.Column("kek_id", sa.String(32), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name="pk_data_keys"),
    )
    op.create_table(
        "safety_screens",
        sa.Column("id", ID, nullable=False),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("taken_at", _when(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name="fk_safety_screens_person_id_people",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_safety_screens"),
    )
    op.create_index("ix_safety_screens_person_id", "safety_screens", ["person_id"])
    op.create_table(
        "safety_flags",
        sa.Column("id", ID, nullable=False),
        sa.Column("couple_id", ID, nullable=True),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("kinds", sa.String(200), nullable=False),
        sa.Column("raised_at", _when(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name="fk_safety_flags_person_id_people",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_safety_flags"),
    )
    op.create_index("ix_safety_flags_couple_id", "safety_flags", ["couple_id"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", _when(), nullable=False),
        sa.Column("actor_id", ID, nullable=True),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("object_kind", sa.String(40), nullable=False),
        sa.Column("object_id", sa.String(64), nullable=False),
        sa.Column("previous", sa.String(64), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_actor_id", "audit_log", ["actor_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(NO_CHANGES)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_is_append_only()")
    op.drop_index("ix_audit_log_actor_id", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_index("ix_safety_flags_couple_id", table_name="safety_flags")
    op.drop_table("safety_flags")
    op.drop_index("ix_safety_screens_person_id", table_name="safety_screens")
    op.drop_table("safety_screens")
    op.drop_table("data_keys")
    with op.batch_alter_table("web_sessions") as batch:
        batch.drop_column("confirmed_at")
