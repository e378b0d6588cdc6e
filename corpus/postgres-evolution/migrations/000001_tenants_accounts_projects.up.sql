CREATE SCHEMA billing;

CREATE TYPE project_status AS ENUM ('active', 'archived');

CREATE TABLE tenants (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    name text NOT NULL,
    plan text NOT NULL DEFAULT 'free',
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
    id bigserial PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants,
    email text NOT NULL,
    display_name varchar(100),
    UNIQUE (tenant_id, email)
);

-- Two unnamed indexes on the same column: the second is accounts_tenant_id_idx1.
CREATE INDEX ON accounts (tenant_id);
CREATE INDEX ON accounts (tenant_id);
CREATE INDEX ON accounts (lower(email));

CREATE TABLE projects (
    id bigserial PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants ON DELETE CASCADE,
    owner_id bigint REFERENCES accounts (id),
    name text NOT NULL,
    status project_status NOT NULL DEFAULT 'active',
    budget integer,
    CHECK (budget >= 0)
);

CREATE INDEX ON projects (tenant_id, status);
