-- Dropping a column drops the indexes and constraints on it; CASCADE drops the foreign
-- keys that point at a dropped table.
CREATE TABLE project_labels (
    id serial PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants,
    name text NOT NULL
);
CREATE TABLE project_label_links (
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    label_id integer NOT NULL REFERENCES project_labels,
    PRIMARY KEY (project_id, label_id)
);
DROP TABLE project_labels CASCADE;

ALTER TABLE projects DROP COLUMN legacy_code;
DROP INDEX accounts_tenant_id_idx1;
