CREATE INDEX cached_projects_tenant_idx ON cached_projects (tenant_id);
