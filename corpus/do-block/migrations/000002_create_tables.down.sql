DROP TABLE invoices;
DROP TABLE memberships;
DROP TABLE tenants;
