-- A table moved to another schema takes its serial's sequence along; a column's literal
-- default keeps the type it was written for when the column changes type.
CREATE TABLE payment_methods (
    id bigserial PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants,
    kind varchar(20) NOT NULL DEFAULT 'card',
    "order" integer NOT NULL DEFAULT 0
);
CREATE INDEX ON payment_methods (tenant_id) INCLUDE (kind);
CREATE INDEX ON payment_methods ("order");

ALTER TABLE payment_methods SET SCHEMA billing;
ALTER TABLE billing.payment_methods ALTER COLUMN kind TYPE text;

-- A new column and a new partition of the partitioned table.
ALTER TABLE billing.usage_events ADD COLUMN source text NOT NULL DEFAULT 'api';
CREATE TABLE billing.usage_events_2026 PARTITION OF billing.usage_events
    FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
