BEGIN;
CREATE INDEX CONCURRENTLY sessions_expires_at_idx ON sessions (expires_at);
COMMIT;
