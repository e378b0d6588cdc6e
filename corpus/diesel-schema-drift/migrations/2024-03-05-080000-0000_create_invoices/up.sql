CREATE TABLE invoices (
    id BIGSERIAL PRIMARY KEY,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
    status TEXT NOT NULL DEFAULT 'draft',
    -- Who issued it; the foreign key to users was never added.
    issued_by BIGINT NOT NULL
);

CREATE INDEX invoices_project_id_idx ON invoices (project_id);
