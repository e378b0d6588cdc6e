CREATE TABLE projects (
    id        bigserial PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    name      text NOT NULL
);

-- A closing parenthesis went missing: the database rejects this statement.
ALTER TABLE projects ADD COLUMN budget numeric(12, 2) NOT NULL DEFAULT 0 CHECK (budget >= 0;

-- The statements around it are still read.
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
