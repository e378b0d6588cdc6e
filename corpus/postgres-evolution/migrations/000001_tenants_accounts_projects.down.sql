DROP TABLE projects;
DROP TABLE accounts;
DROP TABLE tenants;
DROP TYPE project_status;
DROP SCHEMA billing;
