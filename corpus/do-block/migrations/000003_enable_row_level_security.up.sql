ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;

-- One policy per tenant-owned table, generated in a loop: the statement text is only
-- known when the block runs.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['memberships', 'invoices'] LOOP
        EXECUTE format(
            'CREATE POLICY %I ON %I USING (tenant_id = current_setting(%L)::bigint)',
            t || '_tenant_isolation', t, 'app.tenant_id'
        );
    END LOOP;
END
$$;
