-- migrate:up
SET statement_timeout = '1min';
SET lock_timeout = '5s';
SET lock_timeout = 0;
CREATE INDEX api_keys_account_id_idx ON api_keys (account_id);

-- migrate:down
DROP INDEX api_keys_account_id_idx;
