-- +goose NO TRANSACTION
-- +goose Up
DROP INDEX CONCURRENTLY IF EXISTS subscriptions_plan_id_idx;
CREATE INDEX CONCURRENTLY subscriptions_plan_id_idx ON subscriptions (plan_id);

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS subscriptions_plan_id_idx;
