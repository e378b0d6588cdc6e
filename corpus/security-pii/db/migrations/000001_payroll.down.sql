DROP TABLE password_resets;
DROP TABLE api_clients;
DROP TABLE employees;
DROP TABLE tenants;
DROP DOMAIN encrypted_text;
