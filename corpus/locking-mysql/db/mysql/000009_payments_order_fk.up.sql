SET SESSION lock_wait_timeout = 5;
SET foreign_key_checks = 0;
ALTER TABLE payments ADD CONSTRAINT payments_order_id_fk FOREIGN KEY (order_id) REFERENCES orders (id);
SET foreign_key_checks = 1;
