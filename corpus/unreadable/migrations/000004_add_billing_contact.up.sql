-- Rechnungsempfänger: who receives the invoices of a tenant.
ALTER TABLE tenants ADD COLUMN billing_contact text;
