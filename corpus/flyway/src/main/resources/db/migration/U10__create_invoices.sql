-- The repeatable view reads invoices; drop it first so the table can go.
DROP VIEW IF EXISTS project_invoice_totals;
DROP TABLE invoices;
