CREATE TABLE post_like (
    person_id int NOT NULL REFERENCES person ON DELETE CASCADE,
    post_id int NOT NULL REFERENCES post ON DELETE CASCADE,
    score smallint NOT NULL,
    published timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, post_id)
);

CREATE TABLE post_saved (
    person_id int NOT NULL REFERENCES person ON DELETE CASCADE,
    post_id int NOT NULL REFERENCES post ON DELETE CASCADE,
    published timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, post_id)
);

INSERT INTO post_like (person_id, post_id, score, published)
SELECT person_id, post_id, CASE WHEN vote_is_upvote THEN 1 ELSE -1 END, liked_at
FROM post_actions WHERE liked_at IS NOT NULL;

INSERT INTO post_saved (person_id, post_id, published)
SELECT person_id, post_id, saved_at FROM post_actions WHERE saved_at IS NOT NULL;

DROP TABLE post_actions;
