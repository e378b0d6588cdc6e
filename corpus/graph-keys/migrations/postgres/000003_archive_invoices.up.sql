SET lock_timeout = '5s';
ALTER TABLE invoices ADD COLUMN archived_at timestamptz;
CREATE INDEX invoices_archived_at_idx ON invoices (archived_at);
ALTER TABLE invoices RENAME COLUMN number TO invoice_number;
