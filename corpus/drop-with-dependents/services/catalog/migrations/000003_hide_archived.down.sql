SET lock_timeout = '5s';
DROP VIEW live_product_count;
DROP VIEW live_products;
CREATE VIEW live_products AS SELECT id FROM products WHERE state = 'live';
CREATE VIEW live_product_count AS SELECT count(*) AS n FROM live_products;
ALTER TABLE products DROP COLUMN archived;
