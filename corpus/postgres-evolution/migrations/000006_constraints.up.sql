-- Unnamed constraints get generated names that later statements rely on.
ALTER TABLE users ADD UNIQUE (login_email);
ALTER TABLE projects ADD CHECK (char_length(name) > 0);

ALTER TABLE billing.invoices ADD COLUMN approved_by bigint;
ALTER TABLE billing.invoices ADD FOREIGN KEY (approved_by) REFERENCES users NOT VALID;
ALTER TABLE billing.invoices VALIDATE CONSTRAINT invoices_approved_by_fkey;

ALTER TABLE projects ADD COLUMN legacy_code text UNIQUE;
CREATE INDEX ON projects (legacy_code, tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
