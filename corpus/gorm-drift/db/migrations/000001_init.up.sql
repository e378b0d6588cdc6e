CREATE TABLE customers (
    id bigserial PRIMARY KEY,
    email varchar(320) NOT NULL,
    name text,
    created_at timestamptz
);
CREATE UNIQUE INDEX idx_customers_email ON customers (email);

CREATE TABLE invoices (
    id bigserial PRIMARY KEY,
    customer_id bigint NOT NULL,
    total_cents bigint,
    currency varchar(3) NOT NULL,
    memo text NOT NULL,
    created_at timestamptz
);

CREATE TABLE legacy_exports (
    id bigserial PRIMARY KEY,
    path text NOT NULL
);
