from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "a1"
down_revision = None

def upgrade():
    op.create_table(
        "zoo",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("s", sa.String(50), nullable=False, server_default="x"),
        sa.Column("s2", sa.String()),
        sa.Column("t", sa.Text),
        sa.Column("u", sa.Unicode(20)),
        sa.Column("ut", sa.UnicodeText),
        sa.Column("b", sa.Boolean, server_default=sa.true()),
        sa.Column("b2", sa.Boolean(), server_default=sa.text("false")),
        sa.Column("dt", sa.DateTime),
        sa.Column("dtz", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("d", sa.Date),
        sa.Column("tm", sa.Time),
        sa.Column("tmz", sa.Time(timezone=True)),
        sa.Column("iv", sa.Interval),
        sa.Column("n", sa.Numeric(10, 2), server_default="0"),
        sa.Column("n2", sa.Numeric),
        sa.Column("f", sa.Float),
        sa.Column("f2", sa.Float(precision=24)),
        sa.Column("dbl", sa.Double),
        sa.Column("r", sa.REAL),
        sa.Column("bi", sa.BigInteger),
        sa.Column("si", sa.SmallInteger),
        sa.Column("lb", sa.LargeBinary),
        sa.Column("j", sa.JSON),
        sa.Column("jb", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb")),
        sa.Column("uu", postgresql.UUID(as_uuid=True)),
        sa.Column("uu2", sa.Uuid),
        sa.Column("uu3", sa.UUID),
        sa.Column("arr", postgresql.ARRAY(sa.Integer)),
        sa.Column("arr2", sa.ARRAY(sa.String(10))),
        sa.Column("e", sa.Enum("a", "b", name="mood")),
        sa.Column("e2", sa.Enum("x", "y", name="e2kind", native_enum=False)),
        sa.Column("inet", postgresql.INET),
        sa.Column("ts", sa.TIMESTAMP(timezone=True)),
        sa.Column("ts2", postgresql.TIMESTAMP(precision=3)),
        sa.Column("vc", sa.VARCHAR(length=7)),
        sa.Column("ch", sa.CHAR(3)),
        sa.Column("tsv", postgresql.TSVECTOR),
        sa.Column("hs", postgresql.HSTORE),
        sa.Column("by", postgresql.BYTEA),
        sa.Column("ival", postgresql.INTERVAL(fields="day")),
        sa.Column("money", postgresql.MONEY),
        sa.Column("pe", postgresql.ENUM("p", "q", name="pe", create_type=False)),
        sa.Column("bo", sa.Boolean, nullable=False, server_default="1"),
        sa.Column("bs", sa.BIGINT, unique=True, index=True),
        sa.Column("cm", sa.Integer, comment="hello"),
        sa.Column("idn", sa.Integer, sa.Identity(always=True)),
        sa.Column("pi", sa.PickleType),
        sa.Column("dec", sa.DECIMAL(5, 1)),
        sa.Column("num", sa.NUMERIC(asdecimal=False)),
        sa.Column("tiny", sa.Integer, sa.Computed("bi * 2")),
    )
    op.create_table("child",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("zoo_id", sa.Integer, sa.ForeignKey("zoo.id", ondelete="CASCADE"), nullable=False),
        sa.Column("k", sa.Integer),
        sa.CheckConstraint("k > 0", name="k_pos"),
        sa.UniqueConstraint("zoo_id", "k"),
        sa.Index("ix_child_k", "k", unique=True),
        sa.ForeignKeyConstraint(["k"], ["zoo.id"], name="fk_k", use_alter=True),
    )
    op.create_table("nopk", sa.Column("a", sa.Integer), sa.Column("b", sa.Integer), sa.PrimaryKeyConstraint("a", "b"))
    op.create_table("fkpk", sa.Column("id", sa.Integer, sa.ForeignKey("zoo.id"), primary_key=True))
    op.create_table("sdpk", sa.Column("id", sa.Integer, primary_key=True, server_default="5"))
    op.create_table("noai", sa.Column("id", sa.Integer, primary_key=True, autoincrement=False))
    op.add_column("child", sa.Column("e3", sa.Enum("m", "n", name="e3kind")))
    op.add_column("child", sa.Column("zz", sa.Integer, sa.ForeignKey("zoo.id"), index=True, unique=True))
    op.create_index("ix_c", "child", ["k", "zoo_id"], postgresql_where=sa.text("k > 1"), postgresql_concurrently=True)
    op.create_index(op.f("ix_child_expr"), "child", [sa.text("lower(e3::text)")])
