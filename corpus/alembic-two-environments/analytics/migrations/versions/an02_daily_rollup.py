"""an02

Revision ID: an02
Revises: "an01"
"""
from alembic import op
import sqlalchemy as sa

revision = "an02"
down_revision = "an01"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "daily_rollup",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("source", sa.String(30), primary_key=True),
        sa.Column("count", sa.BigInteger, nullable=False, server_default="0"),
    )


def downgrade():
    op.drop_table("daily_rollup")
