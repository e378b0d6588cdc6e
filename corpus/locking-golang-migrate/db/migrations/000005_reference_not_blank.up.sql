SET lock_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_reference_check CHECK (reference <> '') NOT VALID;
