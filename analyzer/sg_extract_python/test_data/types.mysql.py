revision = "m1"
down_revision = None

def upgrade():
    op.create_table(
        "t",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("flag", sa.Boolean, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True)),
        sa.Column("kind", sa.Enum("a", "b", name="kind")),
        sa.Column("u", sa.Uuid),
    )
    op.drop_constraint("t_fk", "t", type_="foreignkey")
