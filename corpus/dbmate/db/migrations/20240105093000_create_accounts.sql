-- migrate:up
CREATE TABLE accounts (
    id         bigserial PRIMARY KEY,
    tenant_key text NOT NULL UNIQUE,
    name       text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- migrate:down
DROP TABLE accounts;
