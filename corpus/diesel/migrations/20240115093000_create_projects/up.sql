-- Newer diesel CLIs name migrations without dashes; both forms are timestamps.
CREATE TABLE projects (
    id         serial PRIMARY KEY,
    tenant_id  integer NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name       varchar(200) NOT NULL,
    updated_at timestamp NOT NULL DEFAULT now()
);

SELECT diesel_manage_updated_at('projects');
