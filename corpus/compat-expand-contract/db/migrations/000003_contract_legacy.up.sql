SET lock_timeout = '5s';

-- Contract: what the previous release stopped using goes.
DROP TABLE legacy_exports;
ALTER TABLE customers DROP COLUMN fax;
ALTER TABLE order_notes RENAME TO order_comments;
ALTER TABLE orders RENAME COLUMN total TO total_amount;
-- Referrals moved to the growth service; the column stays until it is backfilled there.
ALTER TABLE customers DROP CONSTRAINT customers_referred_by_fkey;
-- Order lines are addressed by their order and position everywhere now.
ALTER TABLE order_items DROP CONSTRAINT order_items_pkey;
ALTER TABLE order_items ADD PRIMARY KEY (tenant_id, order_id, line_no);

-- Reporting moved to the analytics cluster. Its export database is dropped by hand once
-- the export is verified, not here:
-- DROP DATABASE analytics_export;
DROP SCHEMA reporting CASCADE;

-- The old name stays readable through a view until no running version uses it.
ALTER TABLE customer_tags RENAME TO customer_labels;
CREATE VIEW customer_tags AS SELECT * FROM customer_labels;
