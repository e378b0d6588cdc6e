-- Two branches each added "the next" migration, and both picked 000003.
ALTER TABLE invoices ADD COLUMN status text NOT NULL DEFAULT 'draft';
