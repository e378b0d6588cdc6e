"""z001

Revision ID: z001
Revises: None
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "z001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "zoo",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("small", sa.SmallInteger),
        sa.Column("big", sa.BigInteger, sa.Identity(always=False)),
        sa.Column("name", sa.String(50), nullable=False, server_default="unnamed"),
        sa.Column("unbounded", sa.String()),
        sa.Column("body", sa.Text),
        sa.Column("title", sa.Unicode(20)),
        sa.Column("notes", sa.UnicodeText),
        sa.Column("code", sa.CHAR(3)),
        sa.Column("label", sa.VARCHAR(length=7)),
        sa.Column("active", sa.Boolean, server_default=sa.true(), nullable=False),
        sa.Column("archived", sa.Boolean(), server_default=sa.text("false")),
        sa.Column("flagged", sa.Boolean, server_default="1"),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime),
        sa.Column("seen_at", sa.TIMESTAMP(timezone=True)),
        sa.Column("precise_at", postgresql.TIMESTAMP(precision=3)),
        sa.Column("day", sa.Date),
        sa.Column("at_time", sa.Time),
        sa.Column("at_time_tz", sa.Time(timezone=True)),
        sa.Column("duration", sa.Interval),
        sa.Column("price", sa.Numeric(10, 2), server_default="0"),
        sa.Column("ratio", sa.Numeric),
        sa.Column("weight", sa.DECIMAL(5, 1)),
        sa.Column("score", sa.Float),
        sa.Column("score_small", sa.Float(precision=24)),
        sa.Column("score_double", sa.Double),
        sa.Column("score_real", sa.REAL),
        sa.Column("blob", sa.LargeBinary),
        sa.Column("pickled", sa.PickleType),
        sa.Column("raw", postgresql.BYTEA),
        sa.Column("doc", sa.JSON),
        sa.Column("attrs", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False),
        sa.Column("public_id", postgresql.UUID(as_uuid=True), server_default=sa.text("gen_random_uuid()")),
        sa.Column("external_id", sa.Uuid),
        sa.Column("trace_id", sa.UUID),
        sa.Column("tags", postgresql.ARRAY(sa.String(30))),
        sa.Column("counts", sa.ARRAY(sa.Integer)),
        sa.Column("mood", sa.Enum("happy", "sad", name="mood")),
        sa.Column("size", sa.Enum("small", "large", name="size", native_enum=False)),
        sa.Column("ip", postgresql.INET),
        sa.Column("network", postgresql.CIDR),
        sa.Column("search", postgresql.TSVECTOR),
        sa.Column("amount", postgresql.MONEY),
        sa.Column("serial_no", sa.BIGINT, unique=True, index=True),
        sa.Column("sku", sa.String(40), unique=True),
        sa.Column("rank", sa.Integer, index=True, comment="position in listings"),
    )


def downgrade():
    op.drop_table("zoo")
    op.execute("DROP TYPE mood")
