SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY flags SET('rush', 'gift') NOT NULL DEFAULT '';
