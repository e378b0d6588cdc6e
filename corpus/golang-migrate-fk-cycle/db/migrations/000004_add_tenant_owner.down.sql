ALTER TABLE tenants DROP CONSTRAINT tenants_owner_user_id_fkey;
