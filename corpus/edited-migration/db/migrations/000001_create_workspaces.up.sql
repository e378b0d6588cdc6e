CREATE TABLE workspaces (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL,
    name text NOT NULL,
    UNIQUE (tenant_id, id)
);
