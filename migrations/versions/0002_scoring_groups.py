"""scoring groups: per-group results, the public part of a score, private tests, reveal time

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

VERDICT = sa.Enum(
    "AC", "WA", "TLE", "MLE", "RE", "OLE", "IE", name="verdict", native_enum=False, length=8
)


def upgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("groups", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("public_score", sa.Double(), nullable=True))
        batch_op.add_column(sa.Column("public_verdict", VERDICT, nullable=True))
    # Judged before groups existed: everything was public.
    op.execute(
        "UPDATE submissions SET public_score = score, public_verdict = verdict "
        "WHERE status = 'done'"
    )
    with op.batch_alter_table("test_results", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("private", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("test_results", schema=None) as batch_op:
        batch_op.alter_column("private", server_default=None)
    with op.batch_alter_table("problems", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reveal_private_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("problems", schema=None) as batch_op:
        batch_op.drop_column("reveal_private_at")
    with op.batch_alter_table("test_results", schema=None) as batch_op:
        batch_op.drop_column("private")
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("public_verdict")
        batch_op.drop_column("public_score")
        batch_op.drop_column("groups")
