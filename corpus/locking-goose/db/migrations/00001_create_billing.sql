-- +goose Up
CREATE DOMAIN amount AS numeric(12, 2);

CREATE TABLE plans (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE subscriptions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id bigint NOT NULL REFERENCES plans (id),
    seats integer NOT NULL
);

CREATE TABLE invoices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id bigint NOT NULL REFERENCES subscriptions (id),
    total amount NOT NULL,
    due_on date NOT NULL
);

CREATE TABLE events (
    id bigint NOT NULL,
    happened_on date NOT NULL,
    payload jsonb
) PARTITION BY RANGE (happened_on);

CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

-- +goose Down
DROP TABLE events;
DROP TABLE invoices;
DROP TABLE subscriptions;
DROP TABLE plans;
DROP DOMAIN amount;
