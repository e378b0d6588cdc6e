package migrations

import (
	"context"
	"database/sql"
)

// ensureTrigram is shared by migrations of this package; goose runs it with their
// connection.
func ensureTrigram(ctx context.Context, conn *sql.DB) error {
	_, err := conn.ExecContext(ctx, `CREATE EXTENSION IF NOT EXISTS pg_trgm`)
	return err
}
