"""SQLite batches recreate the table, so Alembic resolves the block's drops against the
table as it was before the block (Prefect's b75d279ba985 and fd966d4ad99c), a new primary
key replaces the old one, and a `use_alter` foreign key is written inline."""
from alembic import op
import sqlalchemy as sa

revision = "b75d279ba985"
down_revision = "fd966d4ad99c"


def upgrade():
    op.create_table(
        "block_type",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("schema_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["schema_id"], ["block_schema.id"], name="fk_block_type__schema_id", use_alter=True),
        sa.PrimaryKeyConstraint("id", name="pk_block_type"),
    )
    with op.batch_alter_table("block_schema", schema=None) as batch_op:
        batch_op.drop_column("version")
        batch_op.add_column(sa.Column("checksum", sa.String(), nullable=True))
        batch_op.drop_index("uq_block_schema__name_version")
        batch_op.create_index("uq_block_schema__checksum", ["checksum"], unique=True)
        batch_op.create_primary_key("pk_block_schema", ["id"])


def downgrade():
    op.drop_table("block_type")
