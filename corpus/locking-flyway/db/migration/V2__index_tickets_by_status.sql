-- Only statements that cannot run in a transaction: Flyway runs this migration without one.
DROP INDEX CONCURRENTLY IF EXISTS tickets_status_idx;
CREATE INDEX CONCURRENTLY tickets_status_idx ON tickets (status);
