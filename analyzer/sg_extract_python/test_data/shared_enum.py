"""Two tables of one revision share a native enum: SQLAlchemy creates the type once.

A later `add_column` with the same enum creates no type either (Alembic never does for
add_column), and `create_type=False` names a type created elsewhere.
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

STATES = ("queued", "running")

revision = "a1"
down_revision = None


def upgrade():
    op.create_table(
        "flow_run",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("state_type", sa.Enum("SCHEDULED", "RUNNING", name="state_type"), nullable=True),
    )
    op.create_table(
        "task_run",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("state_type", sa.Enum("SCHEDULED", "RUNNING", name="state_type"), nullable=True),
        sa.Column("mood", postgresql.ENUM("ok", "sad", name="mood", create_type=False)),
    )
    op.add_column("task_run", sa.Column("previous_state", sa.Enum("SCHEDULED", "RUNNING", name="state_type")))


def downgrade():
    op.drop_table("task_run")
    op.drop_table("flow_run")
    sa.Enum(name="state_type").drop(op.get_bind(), checkfirst=False)
    postgresql.ENUM("ok", "sad", name="mood").create(op.get_bind())
    postgresql.ENUM(*STATES, name="phase").create(bind=op.get_bind(), checkfirst=False)

