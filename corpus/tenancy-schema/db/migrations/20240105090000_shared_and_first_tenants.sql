-- migrate:up
CREATE SCHEMA shared;
CREATE TABLE shared.plans (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL UNIQUE
);

CREATE SCHEMA tenant_acme;
CREATE TABLE tenant_acme.projects (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id bigint NOT NULL REFERENCES shared.plans (id),
    name text NOT NULL
);
CREATE INDEX projects_plan_id_idx ON tenant_acme.projects (plan_id);
CREATE TABLE tenant_acme.tasks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES tenant_acme.projects (id),
    title text NOT NULL
);
CREATE INDEX tasks_project_id_idx ON tenant_acme.tasks (project_id);

CREATE SCHEMA tenant_globex;
CREATE TABLE tenant_globex.projects (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id bigint NOT NULL REFERENCES shared.plans (id),
    name text NOT NULL
);
CREATE INDEX projects_plan_id_idx ON tenant_globex.projects (plan_id);

CREATE SCHEMA tenant_initech;
CREATE TABLE tenant_initech.projects (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id bigint NOT NULL REFERENCES shared.plans (id),
    name text NOT NULL
);
CREATE INDEX projects_plan_id_idx ON tenant_initech.projects (plan_id);

-- migrate:down
DROP SCHEMA tenant_initech CASCADE;
DROP SCHEMA tenant_globex CASCADE;
DROP SCHEMA tenant_acme CASCADE;
DROP SCHEMA shared CASCADE;
