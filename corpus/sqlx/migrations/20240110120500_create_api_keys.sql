CREATE TABLE api_keys (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    created_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    token_hash  bytea NOT NULL UNIQUE,
    last_used   timestamptz,
    revoked_at  timestamptz
);
