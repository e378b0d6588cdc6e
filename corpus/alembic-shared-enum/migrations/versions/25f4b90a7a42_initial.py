"""Flow runs and task runs share one state type

Revision ID: 25f4b90a7a42
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "25f4b90a7a42"
down_revision = None
branch_labels = None
depends_on = None

STATE_TYPES = ("SCHEDULED", "PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED")


def upgrade():
    op.create_table(
        "flow_run",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), primary_key=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("state_type", sa.Enum(*STATE_TYPES, name="state_type"), nullable=True),
    )
    # The same enum again: SQLAlchemy creates the type once per run of the migrations.
    op.create_table(
        "task_run",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), primary_key=True),
        sa.Column("flow_run_id", sa.BigInteger(), sa.ForeignKey("flow_run.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("state_type", sa.Enum(*STATE_TYPES, name="state_type"), nullable=True),
    )


def downgrade():
    op.drop_table("task_run")
    op.drop_table("flow_run")
    sa.Enum(name="state_type").drop(op.get_bind(), checkfirst=False)
