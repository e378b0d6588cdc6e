DROP TABLE post_saved;
DROP TABLE post_like;
