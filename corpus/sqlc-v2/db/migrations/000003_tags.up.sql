CREATE TABLE tags (
    post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag varchar(40) NOT NULL,
    PRIMARY KEY (post_id, tag)
);
ALTER TABLE authors ALTER COLUMN bio SET NOT NULL;
