SET lock_timeout = '5s';
-- schemagraph: allow rename-column
ALTER TABLE teams RENAME COLUMN slug TO handle;
