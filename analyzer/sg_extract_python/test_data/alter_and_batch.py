from alembic import op
import sqlalchemy as sa

revision = "a2"
down_revision = "a1"

def upgrade():
    op.alter_column("child", "k", nullable=False, existing_type=sa.Integer)
    op.alter_column("child", "k", type_=sa.BigInteger, existing_nullable=False)
    op.alter_column("child", "k", new_column_name="kk")
    op.alter_column("child", "kk", server_default="7")
    op.alter_column("child", "kk", server_default=None)
    op.alter_column("zoo", "s", type_=sa.String(100), nullable=True, server_default=sa.text("'y'"), existing_type=sa.String(50))
    op.alter_column("zoo", "t", type_=sa.Integer, postgresql_using="t::integer")
    op.rename_table("nopk", "nopk2")
    op.drop_column("zoo", "u")
    op.create_foreign_key("fk_x", "child", "zoo", ["kk"], ["id"], ondelete="SET NULL")
    op.create_foreign_key(None, "child", "zoo", ["zoo_id"], ["id"])
    op.drop_constraint("fk_x", "child", type_="foreignkey")
    op.create_unique_constraint("uq_x", "zoo", ["s"])
    op.create_unique_constraint(None, "zoo", ["t"])
    op.create_check_constraint("ck_x", "zoo", "n > 0")
    op.create_check_constraint(None, "zoo", sa.column("n") > 1)
    op.create_primary_key("pk_noai2", "noai", ["id"]) if False else None
    op.drop_index("ix_c", table_name="child", postgresql_concurrently=True)
    op.drop_index(op.f("ix_child_expr"))
    op.drop_table("sdpk")
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))
        batch_op.alter_column("note", nullable=False, existing_type=sa.Text())
        batch_op.create_index("ix_note", ["note"], unique=False)
        batch_op.drop_column("e3")
    with op.get_context().autocommit_block():
        op.execute("CREATE INDEX CONCURRENTLY ix_auto ON child (kk)")
    op.execute(sa.text("ALTER TABLE zoo ADD COLUMN extra int"))
    op.create_table("s1tab", sa.Column("id", sa.Integer, primary_key=True), sa.Column("e", sa.Enum("a", "b", name="sch_e", schema="s1")), schema="s1")
    op.create_index("ix_s1", "s1tab", ["id"], schema="s1")
    op.add_column("s1tab", sa.Column("x", sa.Integer, server_default="0", nullable=False), schema="s1")

def downgrade():
    pass
