"""order status

Revision ID: 5c3d2e8f4a77
Revises: 1f0e7a9b2c11
Create Date: 2024-03-08 09:30:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = "5c3d2e8f4a77"
down_revision: Union[str, Sequence[str], None] = "1f0e7a9b2c11"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

ORDERS = "orders"


def upgrade() -> None:
    op.add_column(ORDERS, sa.Column("status", sa.String(length=20), server_default="pending", nullable=False))
    op.add_column(ORDERS, sa.Column("note", sa.Text(), nullable=True))
    op.create_check_constraint("ck_orders_total_positive", ORDERS, "total >= 0")


def downgrade() -> None:
    op.drop_constraint("ck_orders_total_positive", ORDERS, type_="check")
    op.drop_column(ORDERS, "note")
    op.drop_column(ORDERS, "status")
