ALTER TABLE app.memberships RENAME TO tenant_members;
ALTER TABLE app.tenant_members RENAME COLUMN user_email TO email;
ALTER TABLE app.projects ADD COLUMN archived_at timestamptz;
