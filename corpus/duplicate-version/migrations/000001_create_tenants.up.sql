CREATE TABLE tenants (
    id   bigserial PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE projects (
    id        bigserial PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name      text NOT NULL
);
