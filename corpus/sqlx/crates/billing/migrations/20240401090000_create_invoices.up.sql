CREATE TABLE billing_customers (
    id          bigserial PRIMARY KEY,
    tenant_id   uuid NOT NULL UNIQUE,
    billing_email text NOT NULL
);

CREATE TABLE invoices (
    id          bigserial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES billing_customers (id),
    total       numeric(12, 2) NOT NULL DEFAULT 0,
    issued_on   date NOT NULL DEFAULT CURRENT_DATE
);
