ALTER TABLE payments DROP FOREIGN KEY payments_order_id_fk;
