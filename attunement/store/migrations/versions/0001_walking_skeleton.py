"""People, web sessions, couples, invites, dialogues and turns (issue 2).

Revision ID: 0001
Revises:
Create Date: 2025-01-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(32)


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", ID, nullable=False),
        sa.Column("username", sa.String(40), nullable=False),
        sa.Column("display_name", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
        sa.UniqueConstraint("username", name="uq_people_username"),
    )
    op.create_table(
        "web_sessions",
        sa.Column("id", ID, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("last_seen_at", _when(), nullable=False),
        sa.Column("expires_at", _when(), nullable=False),
        sa.Column("revoked_at", _when(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name="fk_web_sessions_person_id_people",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_web_sessions"),
        sa.UniqueConstraint("token_hash", name="uq_web_sessions_token_hash"),
    )
    op.create_index("ix_web_sessions_person_id", "web_sessions", ["person_id"])
    op.create_table(
        "couples",
        sa.Column("id", ID, nullable=False),
        sa.Column("partner_a", ID, nullable=False),
        sa.Column("partner_b", ID, nullable=True),
        sa.Column("created_at", _when(), nullable=False),
        sa.ForeignKeyConstraint(["partner_a"], ["people.id"], name="fk_couples_partner_a_people"),
        sa.ForeignKeyConstraint(["partner_b"], ["people.id"], name="fk_couples_partner_b_people"),
        sa.PrimaryKeyConstraint("id", name="pk_couples"),
        sa.UniqueConstraint("partner_a", name="uq_couples_partner_a"),
        sa.UniqueConstraint("partner_b", name="uq_couples_partner_b"),
    )
    op.create_table(
        "invites",
        sa.Column("id", ID, nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("couple_id", ID, nullable=False),
        sa.Column("created_by", ID, nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("expires_at", _when(), nullable=False),
        sa.Column("used_at", _when(), nullable=True),
        sa.Column("used_by", ID, nullable=True),
        sa.ForeignKeyConstraint(
            ["couple_id"], ["couples.id"], name="fk_invites_couple_id_couples", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["created_by"], ["people.id"], name="fk_invites_created_by_people"),
        sa.ForeignKeyConstraint(["used_by"], ["people.id"], name="fk_invites_used_by_people"),
        sa.PrimaryKeyConstraint("id", name="pk_invites"),
        sa.UniqueConstraint("code_hash", name="uq_invites_code_hash"),
    )
    op.create_index("ix_invites_couple_id", "invites", ["couple_id"])
    op.create_table(
        "dialogues",
        sa.Column("id", ID, nullable=False),
        sa.Column("couple_id", ID, nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("sender_id", ID, nullable=False),
        sa.Column("receiver_id", ID, nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("mirror_corrections", sa.Integer(), nullable=False),
        sa.Column("more_loops", sa.Integer(), nullable=False),
        sa.Column("resumes_at", sa.String(32), nullable=True),
        sa.Column("topic", sa.String(120), nullable=True),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("updated_at", _when(), nullable=False),
        sa.ForeignKeyConstraint(
            ["couple_id"], ["couples.id"], name="fk_dialogues_couple_id_couples"
        ),
        sa.ForeignKeyConstraint(["sender_id"], ["people.id"], name="fk_dialogues_sender_id_people"),
        sa.ForeignKeyConstraint(
            ["receiver_id"], ["people.id"], name="fk_dialogues_receiver_id_people"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_dialogues"),
    )
    op.create_index("ix_dialogues_couple_id", "dialogues", ["couple_id"])
    op.create_table(
        "turns",
        sa.Column("id", ID, nullable=False),
        sa.Column("dialogue_id", ID, nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("speaker_id", ID, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("move", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("analysis", sa.JSON(), nullable=True),
        sa.Column("withheld", sa.Boolean(), nullable=False),
        sa.Column("move_key", sa.String(64), nullable=True),
        sa.Column("created_at", _when(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dialogue_id"],
            ["dialogues.id"],
            name="fk_turns_dialogue_id_dialogues",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["speaker_id"], ["people.id"], name="fk_turns_speaker_id_people"),
        sa.PrimaryKeyConstraint("id", name="pk_turns"),
        sa.UniqueConstraint("dialogue_id", "index", name="uq_turns_dialogue_id_index"),
        sa.UniqueConstraint("dialogue_id", "move_key", name="uq_turns_dialogue_id_move_key"),
    )


def downgrade() -> None:
    op.drop_table("turns")
    op.drop_index("ix_dialogues_couple_id", table_name="dialogues")
    op.drop_table("dialogues")
    op.drop_index("ix_invites_couple_id", table_name="invites")
    op.drop_table("invites")
    op.drop_table("couples")
    op.drop_index("ix_web_sessions_person_id", table_name="web_sessions")
    op.drop_table("web_sessions")
    op.drop_table("people")
