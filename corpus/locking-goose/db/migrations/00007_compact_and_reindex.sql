-- +goose NO TRANSACTION
-- +goose Up
SET lock_timeout = '5s';
VACUUM FULL plans;
REINDEX TABLE subscriptions;
REINDEX TABLE CONCURRENTLY invoices;

-- +goose Down
SELECT 1;
