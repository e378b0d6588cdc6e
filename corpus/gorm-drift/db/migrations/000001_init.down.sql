DROP TABLE legacy_exports;
DROP TABLE invoices;
DROP TABLE customers;
