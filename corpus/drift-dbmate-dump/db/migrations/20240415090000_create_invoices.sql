-- migrate:up
CREATE TABLE invoices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL,
    account_id bigint NOT NULL,
    amount_cents bigint NOT NULL,
    FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
);
CREATE INDEX invoices_tenant_account_idx ON invoices (tenant_id, account_id);

-- migrate:down
DROP TABLE invoices;
