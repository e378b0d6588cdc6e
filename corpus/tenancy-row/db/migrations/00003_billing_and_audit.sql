-- +goose Up
SET lock_timeout = '5s';

CREATE TABLE invoices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    amount_cents bigint NOT NULL
);
CREATE INDEX invoices_tenant_id_idx ON invoices (tenant_id);
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;

CREATE TABLE audit_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    action text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_tenant_at_idx ON audit_events (tenant_id, at);

CREATE TABLE webhook_endpoints (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Plans made for one customer record the user who approved them.
ALTER TABLE plans ADD COLUMN approved_by bigint REFERENCES users (id);
CREATE INDEX plans_approved_by_idx ON plans (approved_by);

-- +goose Down
SET lock_timeout = '5s';
DROP INDEX plans_approved_by_idx;
ALTER TABLE plans DROP COLUMN approved_by;
DROP TABLE webhook_endpoints;
DROP TABLE audit_events;
DROP TABLE invoices;
