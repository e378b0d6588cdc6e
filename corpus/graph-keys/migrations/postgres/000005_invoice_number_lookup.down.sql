DROP INDEX IF EXISTS invoices_number_idx;
