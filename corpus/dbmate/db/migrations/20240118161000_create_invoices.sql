-- migrate:up
CREATE TYPE invoice_status AS ENUM ('draft', 'open', 'paid', 'void');

CREATE TABLE invoices (
    id           bigserial PRIMARY KEY,
    account_id   bigint NOT NULL,
    number       varchar(32) NOT NULL,
    status       invoice_status NOT NULL DEFAULT 'draft',
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
    currency     char(3) NOT NULL DEFAULT 'EUR',
    issued_at    timestamptz,
    CONSTRAINT invoices_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE RESTRICT,
    CONSTRAINT invoices_account_number_key UNIQUE (account_id, number)
);

-- migrate:down
DROP TABLE invoices;
DROP TYPE invoice_status;
