-- migrate:up transaction:false
-- CONCURRENTLY cannot run inside a transaction block, so this migration opts out.
CREATE INDEX CONCURRENTLY invoices_open_idx ON invoices (account_id, issued_at) WHERE status = 'open';

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY IF EXISTS invoices_open_idx;
