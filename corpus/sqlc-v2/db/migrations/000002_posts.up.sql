CREATE TABLE posts (
    id bigserial PRIMARY KEY,
    author_id bigint NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
    title text NOT NULL,
    published_at timestamptz
);
CREATE INDEX posts_author_id_idx ON posts (author_id);
