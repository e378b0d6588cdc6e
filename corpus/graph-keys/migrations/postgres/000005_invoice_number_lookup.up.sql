SET lock_timeout = '5s';
-- Written against a checkout from before 000003 renamed the column.
CREATE INDEX invoices_number_idx ON invoices (number);
-- Cleans up an index only some environments ever had.
DROP INDEX IF EXISTS invoices_legacy_number_idx;
