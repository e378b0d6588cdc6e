-- +goose Up
SET lock_timeout = '5s';
ALTER DOMAIN amount ADD CONSTRAINT amount_non_negative CHECK (VALUE >= 0);

-- +goose Down
ALTER DOMAIN amount DROP CONSTRAINT amount_non_negative;
