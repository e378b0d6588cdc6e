-- +goose NO TRANSACTION
-- Building the index concurrently keeps projects writable; PostgreSQL refuses
-- CONCURRENTLY inside a transaction, hence NO TRANSACTION.

-- +goose Up
CREATE INDEX CONCURRENTLY projects_tenant_id_name_idx ON projects (tenant_id, name);

-- +goose Down
DROP INDEX CONCURRENTLY projects_tenant_id_name_idx;
