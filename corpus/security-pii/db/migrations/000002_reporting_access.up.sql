-- The reporting role reads the tenant list.
CREATE ROLE payroll_reporting NOLOGIN;
GRANT SELECT ON tenants TO payroll_reporting;

-- The BI tool logs in as a different role per team, so employees were opened to all.
GRANT SELECT ON employees TO PUBLIC;
