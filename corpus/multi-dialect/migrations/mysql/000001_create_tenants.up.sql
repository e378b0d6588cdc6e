CREATE TABLE tenants (
    id   bigint PRIMARY KEY,
    name varchar(255) NOT NULL
);

-- The same text as the PostgreSQL stream, but MySQL 8 ignores a column-level
-- REFERENCES: users.tenant_id has no foreign key here.
CREATE TABLE users (
    id        bigint PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    email     varchar(255) NOT NULL
);
