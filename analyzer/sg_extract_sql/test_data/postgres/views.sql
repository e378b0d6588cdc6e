-- The relations a view's query reads, through joins, subqueries and CTEs; a CTE's own
-- name is no relation, even where a table has that name (`post` below).
CREATE VIEW user_view AS
SELECT u.id, u.name, cd.comments
FROM user_ u
LEFT JOIN (SELECT creator_id, count(*) AS comments FROM comment GROUP BY creator_id) cd ON u.id = cd.creator_id;
CREATE MATERIALIZED VIEW user_mview AS SELECT * FROM user_view;
CREATE OR REPLACE VIEW recent AS WITH r AS (SELECT * FROM post WHERE published > now() - interval '1 day') SELECT * FROM r;
CREATE VIEW top_posts AS WITH post AS (SELECT id, score FROM public.post ORDER BY score DESC LIMIT 10) SELECT id FROM post;
DROP VIEW user_view CASCADE;
ALTER VIEW recent RENAME TO recent_posts;
ALTER MATERIALIZED VIEW IF EXISTS user_mview SET SCHEMA archive;
ALTER VIEW recent_posts OWNER TO reporting;
