ALTER TABLE legacy_imports DROP COLUMN id;
ALTER TABLE orders DROP COLUMN legacy_number;
