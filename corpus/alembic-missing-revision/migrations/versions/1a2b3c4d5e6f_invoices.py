"""1a2b3c4d5e6f

Revision ID: 1a2b3c4d5e6f
Revises: None
"""
from alembic import op
import sqlalchemy as sa

revision = "1a2b3c4d5e6f"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(32), nullable=False),
    )


def downgrade():
    op.drop_table("invoices")
