ALTER TABLE users RENAME CONSTRAINT users_tenant_id_fkey TO accounts_tenant_id_fkey;
ALTER INDEX users_pkey RENAME TO accounts_pkey;
ALTER TABLE tenants RENAME COLUMN handle TO slug;
ALTER TABLE projects RENAME COLUMN owner_user_id TO owner_id;
ALTER TABLE users RENAME COLUMN login_email TO email;
ALTER TABLE users RENAME COLUMN full_name TO display_name;
ALTER TABLE users RENAME TO accounts;
