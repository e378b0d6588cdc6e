ALTER TABLE orders DROP FOREIGN KEY orders_customer_id_fk;
