CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS payments_order_id_key ON payments (order_id);
