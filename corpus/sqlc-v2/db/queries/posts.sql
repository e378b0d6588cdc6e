-- name: ListPosts :many
SELECT * FROM posts WHERE author_id = $1 ORDER BY published_at DESC;
