-- Where inserted rows come from: the tables of the query, subqueries and joins included.
INSERT INTO post_like (person_id, post_id, score)
SELECT a.person_id, a.post_id, CASE WHEN a.vote_is_upvote THEN 1 ELSE -1 END
FROM post_actions a JOIN person p ON p.id = a.person_id
WHERE a.post_id IN (SELECT id FROM archive.post);
INSERT INTO settings (k, v) VALUES ('a', 'b');
