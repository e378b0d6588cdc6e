-- migrate:up
ALTER TABLE projects ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
CREATE INDEX projects_active_idx ON projects (tenant_id) WHERE archived = 0;

-- migrate:down
DROP INDEX projects_active_idx;
ALTER TABLE projects DROP COLUMN archived;
