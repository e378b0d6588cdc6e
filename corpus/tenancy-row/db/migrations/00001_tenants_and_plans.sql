-- +goose Up
CREATE TABLE plans (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL UNIQUE,
    seats integer NOT NULL
);

CREATE TABLE countries (
    code text PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE tenants (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    plan_id bigint NOT NULL REFERENCES plans (id),
    country_code text NOT NULL REFERENCES countries (code)
);
CREATE INDEX tenants_plan_id_idx ON tenants (plan_id);
CREATE INDEX tenants_country_code_idx ON tenants (country_code);

-- +goose Down
DROP TABLE tenants;
DROP TABLE countries;
DROP TABLE plans;
