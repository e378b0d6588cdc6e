SET lock_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_public_id_key UNIQUE (public_id);
