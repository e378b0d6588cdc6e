DO $$
BEGIN
    EXECUTE 'CREATE TABLE tenants (id bigserial PRIMARY KEY, name text NOT NULL)';
END
$$;

CREATE TABLE memberships (
    tenant_id  bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_email text NOT NULL,
    role       member_role NOT NULL DEFAULT 'member',
    PRIMARY KEY (tenant_id, user_email)
);

CREATE TABLE invoices (
    id        bigserial PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    status    invoice_status NOT NULL DEFAULT 'draft',
    total     numeric(12, 2) NOT NULL
);
