CREATE TYPE product_state AS ENUM ('draft', 'live');
CREATE TABLE products (
    id    bigint PRIMARY KEY,
    state product_state NOT NULL DEFAULT 'draft'
);
CREATE VIEW live_products AS SELECT id FROM products WHERE state = 'live';
CREATE VIEW live_product_count AS SELECT count(*) AS n FROM live_products;
