"""a problem may have only a Japanese statement

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("problems") as batch:
        batch.alter_column("statement_en", existing_type=sa.Text(), nullable=True)


def downgrade() -> None:
    # A Japanese-only problem has no English text to keep; its Japanese one stands in.
    op.execute("UPDATE problems SET statement_en = statement_ja WHERE statement_en IS NULL")
    with op.batch_alter_table("problems") as batch:
        batch.alter_column("statement_en", existing_type=sa.Text(), nullable=False)
