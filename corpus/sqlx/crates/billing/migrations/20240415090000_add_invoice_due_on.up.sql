ALTER TABLE invoices ADD COLUMN due_on date;
UPDATE invoices SET due_on = issued_on + 30;
ALTER TABLE invoices ALTER COLUMN due_on SET NOT NULL;
