CREATE TABLE billing.invoices (
    id bigint NOT NULL,
    tenant_id bigint NOT NULL REFERENCES public.tenants (id),
    project_id bigint REFERENCES projects (id) ON DELETE SET NULL,
    amount_cents integer NOT NULL,
    issued_on date NOT NULL DEFAULT CURRENT_DATE
);

-- Build the key's index first (CONCURRENTLY on a live table), then promote it.
CREATE UNIQUE INDEX CONCURRENTLY invoices_id_idx ON billing.invoices (id);
ALTER TABLE billing.invoices ADD PRIMARY KEY USING INDEX invoices_id_idx;

ALTER TABLE billing.invoices ENABLE ROW LEVEL SECURITY;

-- Partitions get the table's columns, primary key, indexes and foreign keys; the key and
-- index names are generated from the partition's name.
CREATE TABLE billing.usage_events (
    id bigserial,
    tenant_id bigint NOT NULL REFERENCES tenants,
    occurred_at timestamptz NOT NULL,
    kind text NOT NULL,
    quantity integer NOT NULL DEFAULT 1,
    PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);

CREATE TABLE billing.usage_events_2024 PARTITION OF billing.usage_events
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX usage_events_tenant_time_idx ON billing.usage_events (tenant_id, occurred_at);
CREATE TABLE billing.usage_events_2025 PARTITION OF billing.usage_events
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
