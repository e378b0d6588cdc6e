"""b003

Revision ID: b003
Revises: "b002"
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "b003"
down_revision = "b002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("accounts") as batch_op:
        batch_op.alter_column("plan_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint("uq_accounts_name", ["name"])


def downgrade():
    with op.batch_alter_table("accounts") as batch_op:
        batch_op.drop_constraint("uq_accounts_name", type_="unique")
        batch_op.alter_column("plan_id", existing_type=sa.Integer(), nullable=True)
