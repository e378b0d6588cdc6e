-- +goose Up
CREATE TABLE workflows (
    id   uuid PRIMARY KEY,
    name text NOT NULL
);

-- +goose Down
DROP TABLE workflows;
