"""aa01

Revision ID: aa01
Revises: None
"""
from alembic import op
import sqlalchemy as sa

revision = "aa01"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(255), nullable=False, unique=True),
    )


def downgrade():
    op.drop_table("users")
