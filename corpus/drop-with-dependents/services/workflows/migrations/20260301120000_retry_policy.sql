-- +goose Up
-- +goose StatementBegin
SET lock_timeout = '5s';
CREATE TYPE retry_policy AS ENUM ('NEVER', 'BACKOFF');

ALTER TABLE workflows
ADD COLUMN retry_policy retry_policy;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
SET lock_timeout = '5s';
DROP TYPE retry_policy;
ALTER TABLE workflows
DROP COLUMN retry_policy;
-- +goose StatementEnd
