CREATE TABLE accounts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL,
    email text NOT NULL,
    UNIQUE (tenant_id, email),
    UNIQUE (tenant_id, id)
);

CREATE TABLE sessions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL,
    account_id bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_tenant_account_idx ON sessions (tenant_id, account_id);

CREATE TABLE login_attempts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL,
    email text NOT NULL,
    at timestamptz NOT NULL,
    succeeded boolean NOT NULL
);

CREATE TABLE audit_events (
    tenant_id bigint NOT NULL,
    at timestamptz NOT NULL,
    action text NOT NULL
) PARTITION BY RANGE (at);
CREATE TABLE audit_events_2024 PARTITION OF audit_events
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE audit_events_2025 PARTITION OF audit_events
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
