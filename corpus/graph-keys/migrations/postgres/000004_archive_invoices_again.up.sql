-- The same feature, merged from a second branch. The column was written to be re-run;
-- the index was not.
SET lock_timeout = '5s';
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS archived_at timestamptz;
CREATE INDEX invoices_archived_at_idx ON invoices (archived_at);
