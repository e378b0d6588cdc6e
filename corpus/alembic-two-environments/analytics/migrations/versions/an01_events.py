"""an01

Revision ID: an01
Revises: None
"""
from alembic import op
import sqlalchemy as sa

revision = "an01"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "events",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("source", sa.String(30), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_events_received_at", "events", ["received_at"])


def downgrade():
    op.drop_index("ix_events_received_at", table_name="events")
    op.drop_table("events")
