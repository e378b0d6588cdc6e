SET lock_timeout = '5s';

ALTER TYPE order_status RENAME TO order_status_new;
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'cancelled', 'legacy');
ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;
ALTER TABLE orders ALTER COLUMN status TYPE order_status USING status::text::order_status;
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'pending';
DROP TYPE order_status_new;

ALTER TABLE customer_tags DROP CONSTRAINT customer_tags_pkey;

ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);
