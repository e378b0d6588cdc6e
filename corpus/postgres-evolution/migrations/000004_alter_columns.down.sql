ALTER TABLE billing.invoices ALTER COLUMN amount_cents TYPE integer;
ALTER TABLE users DROP COLUMN last_login_at;
ALTER TABLE tenants ALTER COLUMN plan SET NOT NULL;
ALTER TABLE tenants ALTER COLUMN plan SET DEFAULT 'free';
ALTER TABLE projects ALTER COLUMN budget DROP NOT NULL;
ALTER TABLE projects ALTER COLUMN budget DROP DEFAULT;
ALTER TABLE projects ALTER COLUMN budget TYPE integer;
ALTER TABLE users ALTER COLUMN full_name TYPE varchar(100);
