ALTER TABLE orders VALIDATE CONSTRAINT orders_reference_check;
