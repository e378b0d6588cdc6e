ALTER TABLE orders DROP CONSTRAINT orders_public_id_key;
