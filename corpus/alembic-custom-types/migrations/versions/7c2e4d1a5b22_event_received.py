"""Record when an event was received

Revision ID: 7c2e4d1a5b22
Revises: 3b1f0c2d9a10
"""
from alembic import op
import sqlalchemy as sa

import app.types

revision = "7c2e4d1a5b22"
down_revision = "3b1f0c2d9a10"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("event", sa.Column("received", app.types.Timestamp(), nullable=True))
    # Narrowing a timestamp to a date loses the time of day.
    op.alter_column("event", "occurred", type_=sa.Date(), existing_type=app.types.Timestamp())


def downgrade():
    op.alter_column("event", "occurred", type_=app.types.Timestamp(), existing_type=sa.Date())
    op.drop_column("event", "received")
