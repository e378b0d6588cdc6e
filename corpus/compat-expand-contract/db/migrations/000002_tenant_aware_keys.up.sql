SET lock_timeout = '5s';

-- Expand: the key from orders to customers becomes tenant-aware. The old key is dropped
-- and its replacement added in the same migration, so the relation is never unguarded.
ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) NOT VALID;

-- customer_tags never had a primary key: adding one changes no identity anybody uses.
ALTER TABLE customer_tags ADD PRIMARY KEY (tenant_id, customer_id, tag);

ALTER TYPE order_status ADD VALUE 'refunded' AFTER 'paid';
