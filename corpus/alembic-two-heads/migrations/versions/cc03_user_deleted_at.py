"""cc03

Revision ID: cc03
Revises: "aa01"
"""
from alembic import op
import sqlalchemy as sa

revision = "cc03"
down_revision = "aa01"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    op.drop_column("users", "deleted_at")
