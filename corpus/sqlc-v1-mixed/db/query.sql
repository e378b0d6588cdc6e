-- name: Stock :many
SELECT * FROM stock WHERE warehouse_id = $1;
