-- migrate:up
CREATE TABLE accounts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL,
    email text NOT NULL,
    UNIQUE (tenant_id, email),
    UNIQUE (tenant_id, id)
);

-- migrate:down
DROP TABLE accounts;
