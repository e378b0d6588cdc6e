-- PostgreSQL cannot drop an enum value; recreate the type without it.
ALTER TABLE products ALTER COLUMN priority DROP DEFAULT;
ALTER TYPE priority RENAME TO priority_old;
CREATE TYPE priority AS ENUM ('low', 'high');
ALTER TABLE products ALTER COLUMN priority TYPE priority USING priority::text::priority;
ALTER TABLE products ALTER COLUMN priority SET DEFAULT 'low';
DROP TYPE priority_old;
