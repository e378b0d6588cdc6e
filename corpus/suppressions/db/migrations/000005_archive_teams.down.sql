SET lock_timeout = '5s';
ALTER TABLE teams DROP COLUMN archived_by;
ALTER TABLE teams DROP COLUMN archived_at;
