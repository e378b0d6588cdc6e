SET lock_timeout = '5s';

DROP VIEW customer_tags;
ALTER TABLE customer_labels RENAME TO customer_tags;

CREATE SCHEMA reporting;
CREATE TABLE reporting.daily_revenue (
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    day date NOT NULL,
    revenue numeric(14, 2) NOT NULL,
    PRIMARY KEY (tenant_id, day)
);

ALTER TABLE order_items DROP CONSTRAINT order_items_pkey;
ALTER TABLE order_items ADD PRIMARY KEY (id);
ALTER TABLE customers ADD CONSTRAINT customers_referred_by_fkey
    FOREIGN KEY (tenant_id, referred_by) REFERENCES customers (tenant_id, id);
ALTER TABLE orders RENAME COLUMN total_amount TO total;
ALTER TABLE order_comments RENAME TO order_notes;
ALTER TABLE customers ADD COLUMN fax text;
CREATE TABLE legacy_exports (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    exported_at timestamptz NOT NULL,
    payload jsonb NOT NULL
);
CREATE INDEX legacy_exports_tenant_idx ON legacy_exports (tenant_id);
