BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE sessions ADD COLUMN user_agent text;
BEGIN;
ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz;
COMMIT;
