"""events table in SQL

Revision ID: e001
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "e001"
down_revision = None
branch_labels = None
depends_on = None

CREATE_KIND = "CREATE TYPE event_kind AS ENUM ('created', 'updated', 'deleted')"


def upgrade():
    op.execute(CREATE_KIND)
    op.execute(
        """
        CREATE TABLE events (
            id bigserial PRIMARY KEY,
            tenant_id integer NOT NULL,
            kind event_kind NOT NULL,
            payload jsonb NOT NULL DEFAULT '{}'::jsonb,
            created_at timestamptz NOT NULL DEFAULT now()
        );
        COMMENT ON TABLE events IS 'append-only event log';
        """
    )
    op.execute(sa.text("ALTER TABLE events ADD CONSTRAINT events_tenant_positive CHECK (tenant_id > 0)"))


def downgrade():
    op.execute("DROP TABLE events")
    op.execute("DROP TYPE event_kind")
