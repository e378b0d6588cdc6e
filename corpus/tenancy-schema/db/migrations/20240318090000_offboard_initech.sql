-- migrate:up
-- Initech's contract ended and its export was delivered: its schema goes.
DROP SCHEMA tenant_initech CASCADE;

-- migrate:down
CREATE SCHEMA tenant_initech;
CREATE TABLE tenant_initech.projects (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id bigint NOT NULL REFERENCES shared.plans (id),
    name text NOT NULL
);
CREATE INDEX projects_plan_id_idx ON tenant_initech.projects (plan_id);
