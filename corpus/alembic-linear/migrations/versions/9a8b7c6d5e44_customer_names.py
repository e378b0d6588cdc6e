"""customer names

Revision ID: 9a8b7c6d5e44
Revises: 5c3d2e8f4a77
Create Date: 2024-03-15 14:12:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = "9a8b7c6d5e44"
down_revision: Union[str, Sequence[str], None] = "5c3d2e8f4a77"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("customers", sa.Column("name", sa.String(length=100), nullable=True))
    op.alter_column("customers", "name", new_column_name="display_name", existing_type=sa.String(length=100))
    op.alter_column("orders", "note", type_=sa.String(length=500), existing_type=sa.Text(), existing_nullable=True)
    op.create_unique_constraint("uq_orders_tenant_id_id", "orders", ["tenant_id", "id"])


def downgrade() -> None:
    op.drop_constraint("uq_orders_tenant_id_id", "orders", type_="unique")
    op.alter_column("orders", "note", type_=sa.Text(), existing_type=sa.String(length=500))
    op.alter_column("customers", "display_name", new_column_name="name")
    op.drop_column("customers", "name")
