SET lock_timeout = '5s';
ALTER TABLE orders ALTER COLUMN reference TYPE varchar(64);
