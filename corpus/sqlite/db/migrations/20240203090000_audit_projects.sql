-- migrate:up
CREATE TABLE audit_logs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  project_id INTEGER,
  action TEXT NOT NULL CHECK (action IN ('insert', 'update')),
  at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Trigger bodies hold several statements, each ending in a semicolon.
CREATE TRIGGER projects_audit_insert AFTER INSERT ON projects
BEGIN
  INSERT INTO audit_logs (tenant_id, project_id, action) VALUES (NEW.tenant_id, NEW.id, 'insert');
END;

CREATE TRIGGER projects_touch AFTER UPDATE OF name ON projects
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE projects SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
  INSERT INTO audit_logs (tenant_id, project_id, action) VALUES (NEW.tenant_id, NEW.id, 'update');
END;

-- migrate:down
DROP TRIGGER projects_touch;
DROP TRIGGER projects_audit_insert;
DROP TABLE audit_logs;
