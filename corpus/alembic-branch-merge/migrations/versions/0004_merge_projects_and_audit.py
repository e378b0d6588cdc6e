"""0004

Revision ID: 0004
Revises: ("0002", "0003")
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = ("0002", "0003")
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_audit_log_tenant_id_at", "audit_log", ["tenant_id", "at"])


def downgrade():
    op.drop_index("ix_audit_log_tenant_id_at", table_name="audit_log")
