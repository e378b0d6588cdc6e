-- migrate:up transaction:false
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '1min';
ALTER TABLE accounts ADD COLUMN plan text;
ALTER TABLE accounts ADD COLUMN plan_changed_at timestamptz;

-- migrate:down
ALTER TABLE accounts DROP COLUMN plan_changed_at;
ALTER TABLE accounts DROP COLUMN plan;
