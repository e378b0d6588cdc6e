CREATE TABLE app.projects (
    id        bigserial PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES app.tenants (id) ON DELETE CASCADE,
    name      text NOT NULL,
    parent_id bigint REFERENCES app.projects (id)
);
