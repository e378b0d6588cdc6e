-- One row per person and post instead of one table per action: the new table is built
-- from the old ones with CREATE TABLE ... AS SELECT, then given its keys.
CREATE TABLE post_actions AS
SELECT
    person_id,
    post_id,
    max(liked) AS liked_at,
    max(saved) AS saved_at,
    max(like_score) = 1 AS vote_is_upvote
FROM (
    SELECT person_id, post_id, score AS like_score, published AS liked, NULL::timestamptz AS saved
    FROM post_like
    UNION ALL
    SELECT person_id, post_id, NULL::smallint, NULL::timestamptz, published
    FROM post_saved) AS actions
GROUP BY person_id, post_id;

DROP TABLE post_like, post_saved;

ALTER TABLE post_actions
    ALTER COLUMN person_id SET NOT NULL,
    ALTER COLUMN post_id SET NOT NULL,
    ADD PRIMARY KEY (person_id, post_id),
    ADD CONSTRAINT post_actions_person_id_fkey FOREIGN KEY (person_id) REFERENCES person ON DELETE CASCADE,
    ADD CONSTRAINT post_actions_post_id_fkey FOREIGN KEY (post_id) REFERENCES post ON DELETE CASCADE,
    ADD CONSTRAINT post_actions_check_liked CHECK ((liked_at IS NULL) = (vote_is_upvote IS NULL));

CREATE INDEX idx_post_actions_post ON post_actions (post_id);
