SET lock_timeout = '5s';

ALTER TYPE order_status RENAME TO order_status_new;
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'refunded', 'cancelled', 'legacy');
ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;
ALTER TABLE orders ALTER COLUMN status TYPE order_status USING status::text::order_status;
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'pending';
DROP TYPE order_status_new;
