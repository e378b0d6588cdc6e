-- +goose Up
SET lock_timeout = '5s';
TRUNCATE plans CASCADE;

-- +goose Down
SELECT 1;
