DROP TABLE products;
DROP TABLE legacy_products;
DROP TABLE countries;
DROP TYPE priority;
