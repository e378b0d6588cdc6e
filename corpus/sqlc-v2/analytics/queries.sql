-- name: CountViews :one
SELECT count(*) FROM page_views WHERE path = ?;
