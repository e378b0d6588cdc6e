-- Written in several steps while the feature was developed, and squashed into one
-- migration before release: each later statement changes something this migration
-- created, which no deployed version has seen and no row is stored in yet.
CREATE TYPE shipment_state AS ENUM ('new', 'sent', 'lost');

CREATE TABLE shipments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL,
    order_id bigint NOT NULL,
    carrier text NOT NULL,
    tracking text,
    weight_grams integer,
    state shipment_state NOT NULL DEFAULT 'new',
    FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id)
);
CREATE INDEX shipments_tenant_order_idx ON shipments (tenant_id, order_id);

CREATE SCHEMA shipment_import;
CREATE TABLE shipment_import.carrier_rows (line bigint PRIMARY KEY, raw text NOT NULL);

ALTER TABLE shipments RENAME COLUMN tracking TO tracking_number;
ALTER TABLE shipments ALTER COLUMN carrier DROP NOT NULL;
ALTER TABLE shipments DROP COLUMN weight_grams;
ALTER TYPE shipment_state RENAME VALUE 'lost' TO 'missing';
DROP TABLE shipment_import.carrier_rows;
DROP SCHEMA shipment_import;
