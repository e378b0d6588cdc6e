-- +goose Up
CREATE INDEX CONCURRENTLY invoices_due_on_idx ON invoices (due_on);

-- +goose Down
DROP INDEX invoices_due_on_idx;
