-- +goose Up
BEGIN;
ALTER TABLE plans ADD COLUMN note text;
COMMIT;

-- +goose Down
ALTER TABLE plans DROP COLUMN note;
