CREATE TABLE accounts (
    id    bigint PRIMARY KEY,
    email text NOT NULL UNIQUE
);
CREATE TABLE invoices (
    id            bigint PRIMARY KEY,
    account_id    bigint NOT NULL REFERENCES accounts (id),
    billing_email text REFERENCES accounts (email)
);
CREATE INDEX invoices_account_id_idx ON invoices (account_id);
CREATE INDEX invoices_billing_email_idx ON invoices (billing_email);
CREATE VIEW open_invoices AS SELECT id, account_id FROM invoices;
