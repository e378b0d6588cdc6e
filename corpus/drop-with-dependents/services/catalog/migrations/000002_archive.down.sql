-- The schema still holds archive.products: PostgreSQL refuses, and the rollback stops.
DROP SCHEMA archive;
