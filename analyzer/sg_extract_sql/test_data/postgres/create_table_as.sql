-- Column names come from the projection: aliases, column references, casts, functions.
CREATE TABLE comment_actions AS
SELECT
    max(liked) AS liked,
    person_id,
    c.comment_id,
    score::smallint,
    count(*),
    max(like_score) = 1 AS vote_is_upvote
FROM (
    SELECT person_id, comment_id, score AS like_score, published AS liked, score FROM comment_like
    UNION ALL
    SELECT person_id, comment_id, NULL::int, NULL::timestamptz, 0 FROM comment_saved) c
GROUP BY person_id, c.comment_id, score;

-- A star or an unnamed expression: the columns stay unknown.
CREATE TABLE copy_of_users AS SELECT * FROM users;
CREATE TABLE sums AS SELECT a + b FROM t;
