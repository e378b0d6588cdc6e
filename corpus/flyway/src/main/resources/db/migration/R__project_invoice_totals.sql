-- Repeatable: Flyway re-runs it whenever its checksum changes, after all versioned
-- migrations.
CREATE OR REPLACE VIEW project_invoice_totals AS
SELECT p.tenant_id,
       p.id AS project_id,
       p.name AS project_name,
       coalesce(sum(i.amount_cents), 0) AS total_cents
FROM projects p
LEFT JOIN invoices i ON i.project_id = p.id
GROUP BY p.tenant_id, p.id, p.name;
