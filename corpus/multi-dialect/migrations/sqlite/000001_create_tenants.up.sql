CREATE TABLE tenants (
    id   integer PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE users (
    id        integer PRIMARY KEY,
    tenant_id integer NOT NULL REFERENCES tenants (id),
    email     text NOT NULL
);
