DROP TABLE user_fast;
DROP VIEW user_view CASCADE;

CREATE VIEW user_view AS
SELECT
    u.id,
    u.name,
    coalesce(cd.comments, 0) AS number_of_comments
FROM
    user_ u
    LEFT JOIN (
        SELECT creator_id, count(*) AS comments FROM comment GROUP BY creator_id
    ) cd ON u.id = cd.creator_id;

CREATE MATERIALIZED VIEW user_mview AS
SELECT * FROM user_view;

CREATE UNIQUE INDEX idx_user_mview_id ON user_mview (id);
