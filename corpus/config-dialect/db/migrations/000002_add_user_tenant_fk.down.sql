ALTER TABLE users DROP FOREIGN KEY users_tenant_id_fk;
