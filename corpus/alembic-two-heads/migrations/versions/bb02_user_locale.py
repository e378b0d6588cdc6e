"""bb02

Revision ID: bb02
Revises: "aa01"
"""
from alembic import op
import sqlalchemy as sa

revision = "bb02"
down_revision = "aa01"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("locale", sa.String(10), server_default="en", nullable=False))


def downgrade():
    op.drop_column("users", "locale")
