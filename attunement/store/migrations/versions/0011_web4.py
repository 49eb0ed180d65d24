"""Unburdening runs remember which steps the client shares with a witness (issue 4).

Every stored unburdening state gains ``shared: []`` (nothing shared), so runs begun before
the witness screen read back exactly as they were.

Revision ID: 0011_web4
Revises: 0007_methods2
Create Date: 2026-11-25
"""

import json
from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_web4"
down_revision: str | None = "0007_methods2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RUNS = sa.table(
    "inner_runs",
    sa.column("id", sa.String),
    sa.column("kind", sa.String),
    sa.column("state", sa.JSON),
)


def _rewrite(change: Callable[[dict[str, object]], bool]) -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(RUNS.c.id, RUNS.c.state).where(RUNS.c.kind == "unburdening")
    )
    for run_id, state in list(rows):
        data = json.loads(state) if isinstance(state, str) else state
        if isinstance(data, dict) and "sealed" not in data and change(data):
            connection.execute(sa.update(RUNS).where(RUNS.c.id == run_id).values(state=data))


# A state sealed by 0008 (``{"sealed": {...}}``) is left alone: this migration never sees it on
# the way up, and on the way down its words are unreadable here; the state codec reads a
# missing ``shared`` as none shared.


def _add(data: dict[str, object]) -> bool:
    if "shared" in data:
        return False
    data["shared"] = []
    return True


def _drop(data: dict[str, object]) -> bool:
    return data.pop("shared", None) is not None


def upgrade() -> None:
    _rewrite(_add)


def downgrade() -> None:
    _rewrite(_drop)
