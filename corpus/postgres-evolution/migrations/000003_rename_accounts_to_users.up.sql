-- Renames carry indexes, constraints and the foreign keys that point at the table; the
-- generated names stay as they were.
ALTER TABLE accounts RENAME TO users;
ALTER TABLE users RENAME COLUMN display_name TO full_name;
ALTER TABLE users RENAME COLUMN email TO login_email;
ALTER TABLE projects RENAME COLUMN owner_id TO owner_user_id;
ALTER TABLE tenants RENAME COLUMN slug TO handle;
ALTER INDEX accounts_pkey RENAME TO users_pkey;
ALTER TABLE users RENAME CONSTRAINT accounts_tenant_id_fkey TO users_tenant_id_fkey;
