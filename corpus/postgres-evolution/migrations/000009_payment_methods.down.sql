DROP TABLE billing.usage_events_2026;
ALTER TABLE billing.usage_events DROP COLUMN source;
DROP TABLE billing.payment_methods;
