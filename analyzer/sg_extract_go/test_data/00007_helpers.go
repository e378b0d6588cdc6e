package migrations

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationNoTxContext(up7, nil)
}

// Helpers of the package are followed with the connection they are handed.
func up7(ctx context.Context, db *sql.DB) error {
	if err := createIndex(ctx, db); err != nil {
		return err
	}
	return recurse(ctx, db)
}

func createIndex(ctx context.Context, conn *sql.DB) error {
	rows, err := conn.QueryContext(ctx, "SELECT relname FROM pg_class WHERE relkind = 'p'")
	if err != nil {
		return err
	}
	defer rows.Close()
	_, err = conn.ExecContext(ctx, `CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_email_idx ON accounts (email)`)
	return err
}

func recurse(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, fmt.Sprintf("ANALYZE %s", "accounts"))
	if err != nil {
		return recurse(ctx, db)
	}
	return nil
}
