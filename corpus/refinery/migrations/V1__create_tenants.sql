CREATE TABLE tenants (
    id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL,
    region     text NOT NULL DEFAULT 'eu-west-1'
);
