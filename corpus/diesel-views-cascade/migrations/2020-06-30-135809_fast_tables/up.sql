-- Rebuild the view with one more column: CASCADE takes the materialized view over it
-- along, which is then created again.
DROP VIEW user_view CASCADE;

CREATE VIEW user_view AS
SELECT
    u.id,
    u.name,
    u.published,
    coalesce(cd.comments, 0) AS number_of_comments
FROM
    user_ u
    LEFT JOIN (
        SELECT creator_id, count(*) AS comments FROM comment GROUP BY creator_id
    ) cd ON u.id = cd.creator_id;

CREATE MATERIALIZED VIEW user_mview AS
SELECT * FROM user_view;

CREATE UNIQUE INDEX idx_user_mview_id ON user_mview (id);

-- A table filled from the view: its columns are the view's, which only running the query
-- tells.
CREATE TABLE user_fast AS
SELECT * FROM user_view;

ALTER TABLE user_fast ADD PRIMARY KEY (id);
CREATE INDEX idx_user_fast_published ON user_fast (published DESC);
