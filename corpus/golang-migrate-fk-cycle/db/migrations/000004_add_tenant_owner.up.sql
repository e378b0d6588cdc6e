-- Closes the cycle tenants -> users -> accounts -> tenants.
ALTER TABLE tenants
    ADD CONSTRAINT tenants_owner_user_id_fkey FOREIGN KEY (owner_user_id) REFERENCES users (id);
