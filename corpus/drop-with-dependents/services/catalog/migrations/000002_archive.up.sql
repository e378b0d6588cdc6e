CREATE SCHEMA archive;
CREATE TABLE archive.products (
    id          bigint PRIMARY KEY,
    archived_at timestamptz NOT NULL
);
