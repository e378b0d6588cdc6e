DROP TABLE payments;
DROP TABLE orders;
DROP TABLE customers;
