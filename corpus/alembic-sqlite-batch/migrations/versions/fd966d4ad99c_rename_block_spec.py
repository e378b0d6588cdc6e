"""Rename block_spec to block_schema, with a new primary key name

Revision ID: fd966d4ad99c
Revises: 9725c1cbee35
"""
from alembic import op

revision = "fd966d4ad99c"
down_revision = "9725c1cbee35"
branch_labels = None
depends_on = None


def upgrade():
    op.rename_table("block_spec", "block_schema")
    with op.batch_alter_table("block_schema", schema=None) as batch_op:
        batch_op.drop_index("uq_block_spec__name_version")
        batch_op.create_index("uq_block_schema__name_version", ["name", "version"], unique=True)
        # The table keeps its primary key: the batch copies it with this one instead.
        batch_op.create_primary_key("pk_block_schema", ["id"])


def downgrade():
    with op.batch_alter_table("block_schema", schema=None) as batch_op:
        batch_op.drop_index("uq_block_schema__name_version")
        batch_op.create_index("uq_block_spec__name_version", ["name", "version"], unique=True)
        batch_op.create_primary_key("pk_block_spec", ["id"])
    op.rename_table("block_schema", "block_spec")
