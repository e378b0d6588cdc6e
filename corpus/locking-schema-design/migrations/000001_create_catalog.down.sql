DROP TABLE stock_moves;
DROP TABLE stock_levels;
DROP TABLE products;
DROP TABLE legacy_products;
DROP TABLE countries;
DROP TYPE priority;
