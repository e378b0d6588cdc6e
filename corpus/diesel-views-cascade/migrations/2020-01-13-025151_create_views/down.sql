DROP MATERIALIZED VIEW user_mview;
DROP VIEW user_view;
DROP TABLE comment;
DROP TABLE user_;
