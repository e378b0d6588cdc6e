SET lock_timeout = '5s';
ALTER TABLE products ADD COLUMN archived boolean NOT NULL DEFAULT false;
-- CASCADE takes live_product_count along; both are created again.
DROP VIEW live_products CASCADE;
CREATE VIEW live_products AS SELECT id FROM products WHERE state = 'live' AND NOT archived;
CREATE VIEW live_product_count AS SELECT count(*) AS n FROM live_products;
