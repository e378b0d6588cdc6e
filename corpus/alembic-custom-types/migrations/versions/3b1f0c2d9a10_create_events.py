"""Create events

Revision ID: 3b1f0c2d9a10
Revises:
"""
from alembic import op
import sqlalchemy as sa

import app.types

revision = "3b1f0c2d9a10"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "event",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), primary_key=True),
        sa.Column("occurred", app.types.Timestamp(), nullable=False),
        sa.Column("payload", app.types.JSON(), server_default="{}", nullable=False),
    )


def downgrade():
    op.drop_table("event")
