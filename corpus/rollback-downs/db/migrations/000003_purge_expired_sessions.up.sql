SET lock_timeout = '5s';

-- Sessions that expired more than 90 days ago, and the login history, are purged.
CREATE TABLE expired_session_ids (id bigint PRIMARY KEY);
INSERT INTO expired_session_ids
    SELECT id FROM sessions WHERE expires_at < now() - interval '90 days';
DELETE FROM sessions WHERE id IN (SELECT id FROM expired_session_ids);
DROP TABLE expired_session_ids;
TRUNCATE login_attempts;
