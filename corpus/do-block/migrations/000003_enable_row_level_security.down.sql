DROP POLICY invoices_tenant_isolation ON invoices;
DROP POLICY memberships_tenant_isolation ON memberships;
ALTER TABLE invoices DISABLE ROW LEVEL SECURITY;
ALTER TABLE memberships DISABLE ROW LEVEL SECURITY;
