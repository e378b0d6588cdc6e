CREATE TABLE accounts (
    id        bigserial PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    plan      text NOT NULL DEFAULT 'free'
);
