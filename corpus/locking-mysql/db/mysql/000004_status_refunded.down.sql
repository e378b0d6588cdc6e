ALTER TABLE orders MODIFY status ENUM('open', 'pending', 'paid') NOT NULL;
