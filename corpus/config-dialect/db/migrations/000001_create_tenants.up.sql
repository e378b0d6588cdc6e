CREATE TABLE tenants (
    id         bigint PRIMARY KEY,
    name       varchar(255) NOT NULL,
    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- On MySQL 8 this REFERENCES is parsed and ignored: there is no foreign key.
CREATE TABLE users (
    id        bigint PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    email     varchar(255) NOT NULL
);
