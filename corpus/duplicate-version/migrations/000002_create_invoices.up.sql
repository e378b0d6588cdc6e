CREATE TABLE invoices (
    id         bigserial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects (id),
    total      numeric(12, 2) NOT NULL
);
