SET lock_timeout = '5s';
ALTER TABLE invoices RENAME COLUMN invoice_number TO number;
DROP INDEX invoices_archived_at_idx;
ALTER TABLE invoices DROP COLUMN archived_at;
