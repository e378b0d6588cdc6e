revision = "e1"
down_revision = "d1"

def upgrade():
    op.create_table("ok", sa.Column("id", sa.Integer, primary_key=True))
    op.add_column("ok", sa.Column("x", sa.Integer)
    op.drop_table("other")

def downgrade():
    op.drop_table("ok")
