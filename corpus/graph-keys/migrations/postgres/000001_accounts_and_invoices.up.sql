CREATE TABLE accounts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);

-- account_id was declared before accounts.id became a bigint, and nobody widened it.
CREATE TABLE invoices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id integer NOT NULL REFERENCES accounts (id),
    number text NOT NULL
);
CREATE UNIQUE INDEX invoices_account_number_key ON invoices (account_id, number);
