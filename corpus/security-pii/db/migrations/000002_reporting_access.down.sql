REVOKE SELECT ON employees FROM PUBLIC;
REVOKE SELECT ON tenants FROM payroll_reporting;
DROP ROLE payroll_reporting;
