-- Applied by hand with `psql -f` in file-name order; nothing records versions.
CREATE SCHEMA IF NOT EXISTS app;

CREATE TABLE app.tenants (
    id   bigserial PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE app.memberships (
    tenant_id bigint NOT NULL REFERENCES app.tenants (id) ON DELETE CASCADE,
    user_email text NOT NULL,
    role      text NOT NULL DEFAULT 'member',
    PRIMARY KEY (tenant_id, user_email)
);
