CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE
);

CREATE TABLE payments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invoice_id bigint NOT NULL REFERENCES invoices (id),
    paid_at timestamptz NOT NULL,
    amount_cents bigint NOT NULL
);
-- Built for the daily report; it contains invoice_id, but does not start with it.
CREATE INDEX payments_paid_at_invoice_idx ON payments (paid_at, invoice_id);

CREATE TABLE invoice_notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invoice_id bigint NOT NULL REFERENCES invoices (id),
    author_email varchar(320) NOT NULL REFERENCES users (email),
    body text NOT NULL
);
CREATE INDEX invoice_notes_invoice_id_idx ON invoice_notes (invoice_id);
CREATE INDEX invoice_notes_author_email_idx ON invoice_notes (author_email);
