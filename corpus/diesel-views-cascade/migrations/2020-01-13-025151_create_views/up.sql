CREATE TABLE user_ (
    id serial PRIMARY KEY,
    name varchar(20) NOT NULL,
    published timestamp NOT NULL DEFAULT now()
);

CREATE TABLE comment (
    id serial PRIMARY KEY,
    creator_id int NOT NULL REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE,
    content text NOT NULL
);
CREATE INDEX idx_comment_creator ON comment (creator_id);

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
