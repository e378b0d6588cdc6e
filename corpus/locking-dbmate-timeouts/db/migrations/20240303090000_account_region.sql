-- migrate:up
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '1min';
ALTER TABLE accounts ADD COLUMN region text;

-- migrate:down
ALTER TABLE accounts DROP COLUMN region;
