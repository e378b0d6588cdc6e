-- Written on a branch that assumed accounts already existed: the reference below
-- points at a table that only 000003 creates.
CREATE TABLE projects (
    id         bigserial PRIMARY KEY,
    tenant_id  bigint NOT NULL REFERENCES tenants (id),
    account_id bigint NOT NULL REFERENCES accounts (id),
    name       text NOT NULL
);
