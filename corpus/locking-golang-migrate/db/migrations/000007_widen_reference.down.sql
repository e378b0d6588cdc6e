ALTER TABLE orders ALTER COLUMN reference TYPE varchar(20);
