"""The application's own column types, as many SQLAlchemy projects define them."""
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import TypeDecorator


class Timestamp(TypeDecorator):
    """Timestamps are always stored with their time zone."""

    impl = sa.TIMESTAMP(timezone=True)
    cache_ok = True


class JSON(TypeDecorator):
    """JSON documents: JSONB on PostgreSQL."""

    impl = postgresql.JSONB
    cache_ok = True
