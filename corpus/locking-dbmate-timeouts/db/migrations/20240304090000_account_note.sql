-- migrate:up
SET lock_timeout = '5s';
ALTER TABLE accounts ADD COLUMN note text;

-- migrate:down
ALTER TABLE accounts DROP COLUMN note;
