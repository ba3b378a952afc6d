"""the submissions' outbox marker and the clients' idempotency keys

Revision ID: 0006
Revises: 0005

Submissions queued before this revision get no marker, so the outbox relay sends them (again):
a duplicate message is a no-op, a lost one would leave them waiting.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("idempotency_key", sa.String(length=64), nullable=True))
        batch.create_index("ix_submissions_status_dispatched", ["status", "dispatched_at"])
        batch.create_unique_constraint(
            op.f("uq_submissions_user_id_idempotency_key"), ["user_id", "idempotency_key"]
        )


def downgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.drop_constraint(op.f("uq_submissions_user_id_idempotency_key"), type_="unique")
        batch.drop_index("ix_submissions_status_dispatched")
        batch.drop_column("idempotency_key")
        batch.drop_column("dispatched_at")
