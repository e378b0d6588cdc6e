-- +goose Up
CREATE TABLE audit_events (
    id bigserial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects (id),
    payload jsonb NOT NULL
);

-- +goose Down
DROP TABLE audit_events;
