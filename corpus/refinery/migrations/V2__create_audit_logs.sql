CREATE TABLE audit_logs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   integer NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    actor       text NOT NULL,
    action      text NOT NULL,
    payload     jsonb NOT NULL DEFAULT '{}'::jsonb,
    recorded_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_logs_tenant_recorded_idx ON audit_logs (tenant_id, recorded_at);
