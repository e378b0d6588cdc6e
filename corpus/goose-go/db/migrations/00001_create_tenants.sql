-- +goose Up
CREATE TABLE tenants (
    id bigserial PRIMARY KEY,
    name text NOT NULL
);

-- +goose Down
DROP TABLE tenants;
