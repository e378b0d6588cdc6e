CREATE INDEX CONCURRENTLY invoices_project_id_idx ON invoices (project_id);
