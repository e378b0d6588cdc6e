-- 2024-03-01 is later than 20240115, although "2024-" sorts before "20240" as text:
-- only ordering both forms as timestamps runs this after projects exist.
CREATE TABLE invoices (
    id           serial PRIMARY KEY,
    project_id   integer NOT NULL REFERENCES projects (id),
    amount       numeric(12, 2) NOT NULL,
    paid         boolean NOT NULL DEFAULT false,
    updated_at   timestamp NOT NULL DEFAULT now()
);

SELECT diesel_manage_updated_at('invoices');
