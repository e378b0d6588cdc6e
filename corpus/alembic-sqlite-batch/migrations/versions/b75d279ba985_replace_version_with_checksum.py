"""Replace block_schema.version with a checksum

Revision ID: b75d279ba985
Revises: fd966d4ad99c
"""
from alembic import op
import sqlalchemy as sa

revision = "b75d279ba985"
down_revision = "fd966d4ad99c"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("block_schema", schema=None) as batch_op:
        # Run statement by statement this would fail: dropping `version` drops the index
        # on it first. A SQLite batch copies the table once, and the index is the old
        # table's.
        batch_op.drop_column("version")
        batch_op.add_column(sa.Column("checksum", sa.String(), nullable=True))
        batch_op.drop_index("uq_block_schema__name_version")
        batch_op.create_index("uq_block_schema__checksum", ["checksum"], unique=True)


def downgrade():
    with op.batch_alter_table("block_schema", schema=None) as batch_op:
        batch_op.drop_index("uq_block_schema__checksum")
        batch_op.drop_column("checksum")
        batch_op.add_column(sa.Column("version", sa.String(), nullable=False, server_default="0"))
        batch_op.create_index("uq_block_schema__name_version", ["name", "version"], unique=True)
