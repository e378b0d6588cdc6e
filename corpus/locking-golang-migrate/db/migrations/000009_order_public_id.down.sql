ALTER TABLE orders DROP COLUMN created_at;
ALTER TABLE orders DROP COLUMN public_id;
