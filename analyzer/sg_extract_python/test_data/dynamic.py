"""Dynamic constructs

Revision ID: d1
Revises: c1, c2
"""
from alembic import op
import sqlalchemy as sa

revision: str = "d1"
down_revision = ("c1", "c2")
branch_labels = None
depends_on = "other_branch"

TABLES = ["a", "b"]
USERS = "users"


def _helper():
    op.drop_table("x")


def upgrade() -> None:
    name = "accounts"
    op.add_column(USERS, sa.Column("email", sa.String(255), nullable=True))
    op.add_column(name, sa.Column("Flag", sa.Boolean(), server_default=sa.false(), nullable=False))
    for t in TABLES:
        op.drop_table(t)
    if op.get_context().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto")
    _helper()
    op.execute(f"DROP TABLE {name}")
    op.execute("ALTER TABLE users ADD COLUMN a int;\n"
               "ALTER TABLE users ADD COLUMN b int,, c;")
    op.execute("""
        CREATE INDEX ix_users_a ON users (a);
        UPDATE users SET a = '\\x' || 1;
    """)
    conn = op.get_bind()
    conn.execute(sa.text("DELETE FROM users WHERE a IS NULL"))
    op.create_table(
        "events",
        sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True),
        sa.Column("kind", sa.Enum(EventKind, name="event_kind")),
        sa.Column("payload", MyJSONType()),
    )
    op.create_table("broken", *columns)
    op.frobnicate("users")
    print("done")


def downgrade() -> None:
    raise NotImplementedError("irreversible")
