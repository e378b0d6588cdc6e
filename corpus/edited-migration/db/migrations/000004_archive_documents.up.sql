SET lock_timeout = '5s';
ALTER TABLE documents ADD COLUMN archived_at timestamptz;
