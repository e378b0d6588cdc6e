"""projects

Revision ID: 0002
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
# Was "0001". Resolving a rebase conflict, this was pointed at the revision that main
# had added meanwhile, which already follows this one.
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "projects",
        sa.Column("id", sa.BigInteger, sa.Identity(always=True), primary_key=True),
        sa.Column("tenant_id", sa.BigInteger, sa.ForeignKey("tenants.id"), nullable=False, index=True),
        sa.Column("name", sa.Text, nullable=False),
    )


def downgrade():
    op.drop_index("ix_projects_tenant_id", table_name="projects")
    op.drop_table("projects")
