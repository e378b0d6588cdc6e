-- migrate:up transaction:false
DROP INDEX CONCURRENTLY IF EXISTS api_keys_token_hash_idx;
CREATE UNIQUE INDEX CONCURRENTLY api_keys_token_hash_idx ON api_keys (token_hash);

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY IF EXISTS api_keys_token_hash_idx;
