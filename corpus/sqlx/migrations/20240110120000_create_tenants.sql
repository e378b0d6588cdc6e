CREATE TABLE tenants (
    id         uuid PRIMARY KEY,
    name       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id        uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email     text NOT NULL,
    is_admin  boolean NOT NULL DEFAULT false
);

CREATE UNIQUE INDEX users_tenant_email_key ON users (tenant_id, lower(email));
