"""b002

Revision ID: b002
Revises: "b001"
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "b002"
down_revision = "b001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.alter_column("name", existing_type=sa.String(length=80), type_=sa.String(length=120))
        batch_op.create_index(batch_op.f("ix_accounts_plan_id"), ["plan_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_accounts_plan_id_plans"), "plans", ["plan_id"], ["id"])
        batch_op.drop_column("legacy_code")


def downgrade():
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("legacy_code", sa.String(length=10), nullable=True))
        batch_op.drop_constraint(batch_op.f("fk_accounts_plan_id_plans"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_accounts_plan_id"))
        batch_op.alter_column("name", existing_type=sa.String(length=120), type_=sa.String(length=80))
        batch_op.drop_column("active")
        batch_op.drop_column("plan_id")
