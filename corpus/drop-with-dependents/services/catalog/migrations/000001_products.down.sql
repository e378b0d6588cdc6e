DROP VIEW live_product_count;
DROP VIEW live_products;
DROP TABLE products;
DROP TYPE product_state;
