DROP TABLE projects;
DROP TABLE tenants;
