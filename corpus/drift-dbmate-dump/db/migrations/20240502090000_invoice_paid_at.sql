-- migrate:up
SET lock_timeout = '5s';
ALTER TABLE invoices ADD COLUMN paid_at timestamptz;

-- migrate:down
SET lock_timeout = '5s';
ALTER TABLE invoices DROP COLUMN paid_at;
