DROP TABLE legacy_imports;
DROP TABLE orders;
DROP TABLE customers;
