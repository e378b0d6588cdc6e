-- migrate:up
SET lock_timeout = '5s';

CREATE TABLE tenant_acme.project_templates (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);

-- Globex licensed Acme's templates, and someone wired them up directly.
ALTER TABLE tenant_globex.projects ADD COLUMN template_id bigint
    REFERENCES tenant_acme.project_templates (id);
CREATE INDEX projects_template_id_idx ON tenant_globex.projects (template_id);

-- Acme's own projects use its templates.
ALTER TABLE tenant_acme.projects ADD COLUMN template_id bigint
    REFERENCES tenant_acme.project_templates (id);
CREATE INDEX projects_template_id_idx ON tenant_acme.projects (template_id);

-- migrate:down
SET lock_timeout = '5s';
ALTER TABLE tenant_acme.projects DROP COLUMN template_id;
ALTER TABLE tenant_globex.projects DROP COLUMN template_id;
DROP TABLE tenant_acme.project_templates;
