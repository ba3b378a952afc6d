"""problem packages stored as content-addressed versions

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The rows come from the next `problems sync` (every `serve` start runs one): until then a
    # judge asked for a version not stored yet ends that submission in IE, saying so.
    op.create_table(
        "problem_versions",
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("problem_id", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("archive", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_problem_versions")),
    )
    op.create_index(op.f("ix_problem_versions_problem_id"), "problem_versions", ["problem_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_problem_versions_problem_id"), table_name="problem_versions")
    op.drop_table("problem_versions")
