-- The relations a view's query reads, through joins, subqueries and CTEs.
CREATE VIEW user_view AS
SELECT u.id, u.name, cd.comments
FROM user_ u
LEFT JOIN (SELECT creator_id, count(*) AS comments FROM comment GROUP BY creator_id) cd ON u.id = cd.creator_id;
CREATE MATERIALIZED VIEW user_mview AS SELECT * FROM user_view;
CREATE OR REPLACE VIEW recent AS WITH r AS (SELECT * FROM post WHERE published > now() - interval '1 day') SELECT * FROM r;
DROP VIEW user_view CASCADE;
ALTER VIEW recent RENAME TO recent_posts;
ALTER MATERIALIZED VIEW IF EXISTS user_mview SET SCHEMA archive;
ALTER VIEW recent_posts OWNER TO reporting;
