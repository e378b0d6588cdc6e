DROP TABLE invoices;
DROP TABLE billing_customers;
