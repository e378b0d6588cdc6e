-- no-transaction
-- sqlx runs a migration whose first line is this comment outside a transaction,
-- which CREATE INDEX CONCURRENTLY requires.
CREATE INDEX CONCURRENTLY api_keys_tenant_last_used_idx ON api_keys (tenant_id, last_used DESC);
