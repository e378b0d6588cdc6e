CREATE TABLE tasks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    project_id bigint NOT NULL REFERENCES projects (id),
    title text NOT NULL
);
CREATE INDEX tasks_tenant_project_idx ON tasks (tenant_id, project_id);
