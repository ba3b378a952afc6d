"""failed logins and account creations, counted for throttling

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "throttle_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_throttle_events")),
    )
    op.create_index(op.f("ix_throttle_events_at"), "throttle_events", ["at"])
    op.create_index("ix_throttle_events_key_at", "throttle_events", ["key", "at"])


def downgrade() -> None:
    op.drop_index("ix_throttle_events_key_at", table_name="throttle_events")
    op.drop_index(op.f("ix_throttle_events_at"), table_name="throttle_events")
    op.drop_table("throttle_events")
