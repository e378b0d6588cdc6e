ALTER TABLE payments DROP CONSTRAINT payments_order_id_fkey;
