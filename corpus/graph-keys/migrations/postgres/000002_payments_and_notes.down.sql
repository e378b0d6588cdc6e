DROP TABLE invoice_notes;
DROP TABLE payments;
DROP TABLE users;
