CREATE TABLE tenants (
    id         serial PRIMARY KEY,
    name       varchar(200) NOT NULL,
    created_at timestamp NOT NULL DEFAULT now(),
    updated_at timestamp NOT NULL DEFAULT now()
);

SELECT diesel_manage_updated_at('tenants');
