ALTER TABLE projects DISABLE ROW LEVEL SECURITY;
DROP INDEX projects_legacy_code_tenant_id_idx;
ALTER TABLE projects DROP COLUMN legacy_code;
ALTER TABLE billing.invoices DROP CONSTRAINT invoices_approved_by_fkey;
ALTER TABLE billing.invoices DROP COLUMN approved_by;
ALTER TABLE projects DROP CONSTRAINT projects_name_check;
ALTER TABLE users DROP CONSTRAINT users_login_email_key;
