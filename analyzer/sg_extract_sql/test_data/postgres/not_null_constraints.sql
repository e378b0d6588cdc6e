-- PostgreSQL 18 names NOT NULL constraints, and its pg_dump writes them as table
-- constraints; lemmy's migrations use both spellings.
CREATE TABLE comment_saved (
    id serial PRIMARY KEY,
    comment_id int CONSTRAINT comment_saved_comment_id_not_null NOT NULL,
    user_id int,
    published timestamptz DEFAULT now(),
    CONSTRAINT comment_saved_user_id_not_null NOT NULL user_id,
    NOT NULL published NO INHERIT
);
CREATE TABLE events_2024 PARTITION OF events (CONSTRAINT events_2024_at_not_null NOT NULL at) FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE image_upload
    ADD CONSTRAINT image_upload_local_user_id_not_null NOT NULL local_user_id;
ALTER TABLE community_follower
    ADD COLUMN pending boolean,
    ADD CONSTRAINT community_follower_pending_not_null NOT NULL pending,
    ADD CONSTRAINT community_follower_state_not_null NOT NULL state;
