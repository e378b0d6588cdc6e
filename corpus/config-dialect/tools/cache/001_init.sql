CREATE TABLE cached_projects (
    id        integer PRIMARY KEY,
    tenant_id integer NOT NULL,
    name      text NOT NULL,
    synced_at text
);
