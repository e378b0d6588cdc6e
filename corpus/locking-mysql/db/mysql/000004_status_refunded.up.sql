SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY status ENUM('open', 'pending', 'paid', 'refunded') NOT NULL;
