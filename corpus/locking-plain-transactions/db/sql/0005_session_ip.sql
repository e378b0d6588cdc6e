BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE sessions ADD COLUMN ip inet;
