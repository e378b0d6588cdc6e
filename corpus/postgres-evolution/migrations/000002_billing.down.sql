DROP TABLE billing.usage_events;
DROP TABLE billing.invoices;
