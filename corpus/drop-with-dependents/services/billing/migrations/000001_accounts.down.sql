DROP VIEW open_invoices;
-- One statement drops both tables, so the key from invoices to accounts is no obstacle.
DROP TABLE accounts, invoices;
