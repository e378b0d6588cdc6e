-- Lohnbuchhaltung: Sozialversicherungsnummer, IBAN und Geburtsdatum der Beschäftigten.
-- Payroll keeps each employee's social security number, IBAN and date of birth.
CREATE DOMAIN encrypted_text AS bytea;
-- Ciphertext is never empty.
ALTER DOMAIN encrypted_text ADD CONSTRAINT encrypted_text_not_empty CHECK (octet_length(VALUE) > 0);

CREATE TABLE tenants (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE employees (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    full_name text NOT NULL,
    ssn text NOT NULL,
    date_of_birth date,
    iban encrypted_text,
    tax_id text,
    portal_password_hash text
);
CREATE INDEX employees_tenant_id_idx ON employees (tenant_id);

CREATE TABLE api_clients (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    api_key text NOT NULL,
    refresh_token bytea
);
CREATE INDEX api_clients_tenant_id_idx ON api_clients (tenant_id);
COMMENT ON COLUMN api_clients.api_key IS 'Encrypted by the application with the tenant''s KMS key';

CREATE TABLE password_resets (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    reset_token text NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX password_resets_tenant_id_idx ON password_resets (tenant_id);
