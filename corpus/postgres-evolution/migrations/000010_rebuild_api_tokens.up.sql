-- Rebuild a table under its old name. The old table keeps its sequence, index and
-- constraint names, so the new table's generated names get a counter: the sequence
-- api_tokens_id_seq1, the key api_tokens_pkey1, and (checked across the whole schema)
-- the foreign key api_tokens_tenant_id_fkey1 and the check api_tokens_scopes_check1.
CREATE TABLE api_tokens (
    id bigserial PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants,
    scopes integer NOT NULL CHECK (scopes > 0)
);
ALTER TABLE api_tokens RENAME TO api_tokens_old;
CREATE TABLE api_tokens (
    id bigserial PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants,
    scopes integer NOT NULL CHECK (scopes > 0),
    label text
);
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_scopes_check1;
