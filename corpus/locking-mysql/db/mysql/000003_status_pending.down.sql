ALTER TABLE orders MODIFY status ENUM('open', 'paid') NOT NULL;
