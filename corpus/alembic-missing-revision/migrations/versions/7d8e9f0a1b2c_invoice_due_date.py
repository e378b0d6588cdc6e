"""7d8e9f0a1b2c

Revision ID: 7d8e9f0a1b2c
Revises: "3e4f5a6b7c8d"
"""
from alembic import op
import sqlalchemy as sa

revision = "7d8e9f0a1b2c"
down_revision = "3e4f5a6b7c8d"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("invoices", sa.Column("due_date", sa.Date(), nullable=True))


def downgrade():
    op.drop_column("invoices", "due_date")
