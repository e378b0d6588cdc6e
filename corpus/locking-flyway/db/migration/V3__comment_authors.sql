SET lock_timeout = '5s';
ALTER TABLE comments ADD COLUMN author_id bigint;
CREATE INDEX CONCURRENTLY comments_author_id_idx ON comments (author_id);
