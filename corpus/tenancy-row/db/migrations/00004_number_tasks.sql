-- +goose Up
SET lock_timeout = '5s';

-- The backfill must see every tenant's tasks, so row-level security is switched off for
-- the duration of the migration.
ALTER TABLE tasks DISABLE ROW LEVEL SECURITY;
ALTER TABLE tasks ADD COLUMN number integer;
UPDATE tasks SET number = id;
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;

-- +goose Down
SET lock_timeout = '5s';
ALTER TABLE tasks NO FORCE ROW LEVEL SECURITY;
ALTER TABLE tasks DROP COLUMN number;
