CREATE INDEX accounts_tenant_id_idx1 ON users (tenant_id);
ALTER TABLE projects ADD COLUMN legacy_code text UNIQUE;
CREATE INDEX projects_legacy_code_tenant_id_idx ON projects (legacy_code, tenant_id);
DROP TABLE project_label_links;
