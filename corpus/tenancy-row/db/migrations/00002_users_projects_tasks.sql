-- +goose Up
CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    email text NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email),
    UNIQUE (tenant_id, id)
);

CREATE TABLE projects (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    owner_id bigint NOT NULL,
    slug text NOT NULL,
    UNIQUE (tenant_id, slug),
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX projects_tenant_owner_idx ON projects (tenant_id, owner_id);

CREATE TABLE tasks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    project_id bigint NOT NULL REFERENCES projects (id),
    title text NOT NULL
);
CREATE INDEX tasks_tenant_id_idx ON tasks (tenant_id);
CREATE INDEX tasks_project_id_idx ON tasks (project_id);

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON users
    USING (tenant_id = current_setting('app.tenant_id')::bigint);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = current_setting('app.tenant_id')::bigint);
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tasks
    USING (tenant_id = current_setting('app.tenant_id')::bigint);

-- +goose Down
DROP TABLE tasks;
DROP TABLE projects;
DROP TABLE users;
