ALTER TABLE orders MODIFY flags SET('gift', 'rush') NOT NULL DEFAULT '';
