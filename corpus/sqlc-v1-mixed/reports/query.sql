-- name: Totals :many
SELECT * FROM rollups WHERE day = ?;
