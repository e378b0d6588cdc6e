"""0002

Revision ID: 0002
Revises: "0001"
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tenant_id", sa.Integer, sa.ForeignKey("tenants.id"), nullable=False, index=True),
        sa.Column("title", sa.String(200), nullable=False),
    )


def downgrade():
    op.drop_index("ix_projects_tenant_id", table_name="projects")
    op.drop_table("projects")
