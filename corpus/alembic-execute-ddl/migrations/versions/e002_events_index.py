"""index events concurrently

Revision ID: e002
Revises: e001
"""
from alembic import op

revision = "e002"
down_revision = "e001"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE events ADD COLUMN source text")
    # CONCURRENTLY cannot run inside a transaction block.
    with op.get_context().autocommit_block():
        op.execute("CREATE INDEX CONCURRENTLY ix_events_tenant_created ON events (tenant_id, created_at)")


def downgrade():
    with op.get_context().autocommit_block():
        op.execute("DROP INDEX CONCURRENTLY ix_events_tenant_created")
    op.execute("ALTER TABLE events DROP COLUMN source")
