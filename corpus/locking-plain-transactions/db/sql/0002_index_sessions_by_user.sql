CREATE INDEX CONCURRENTLY IF NOT EXISTS sessions_user_id_idx ON sessions (user_id);
