CREATE INDEX orders_reference_idx ON orders (reference);
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);
