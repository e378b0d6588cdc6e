CREATE TABLE tenants (
    id   bigint PRIMARY KEY,
    name varchar(255) NOT NULL
);

CREATE TABLE users (
    id        bigint PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    email     varchar(255) NOT NULL
);
