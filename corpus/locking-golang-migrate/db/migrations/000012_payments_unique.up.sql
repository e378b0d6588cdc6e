SET lock_timeout = '5s';
ALTER TABLE payments ADD CONSTRAINT payments_order_id_key UNIQUE USING INDEX payments_order_id_key;
