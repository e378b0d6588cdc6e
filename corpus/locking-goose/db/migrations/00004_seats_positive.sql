-- +goose NO TRANSACTION
-- +goose Up
SET lock_timeout = '5s';
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_seats_check CHECK (seats > 0) NOT VALID;
ALTER TABLE subscriptions VALIDATE CONSTRAINT subscriptions_seats_check;

-- +goose Down
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_seats_check;
