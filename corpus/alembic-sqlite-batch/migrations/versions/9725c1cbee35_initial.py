"""Initial tables: a task run points at its current state, which is created after it

Revision ID: 9725c1cbee35
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "9725c1cbee35"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "block_spec",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("version", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_block_spec")),
    )
    op.create_index("uq_block_spec__name_version", "block_spec", ["name", "version"], unique=True)
    op.create_table(
        "task_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("state_id", sa.Integer(), nullable=True),
        # SQLite has no ALTER TABLE ... ADD CONSTRAINT, so SQLAlchemy writes this key
        # inline although the state table does not exist yet; SQLite checks it only when
        # rows are written.
        sa.ForeignKeyConstraint(
            ["state_id"],
            ["task_run_state.id"],
            name=op.f("fk_task_run__state_id__task_run_state"),
            ondelete="SET NULL",
            use_alter=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_run")),
    )
    op.create_table(
        "task_run_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_run_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["task_run_id"], ["task_run.id"], name=op.f("fk_task_run_state__task_run_id__task_run"), ondelete="cascade"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_run_state")),
    )
    op.create_index(op.f("ix_task_run_state__task_run_id"), "task_run_state", ["task_run_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_task_run_state__task_run_id"), table_name="task_run_state")
    op.drop_table("task_run_state")
    op.drop_table("task_run")
    op.drop_index("uq_block_spec__name_version", table_name="block_spec")
    op.drop_table("block_spec")
