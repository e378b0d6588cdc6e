package migrations

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(up5, down5)
}

// `stmt` is bound three times in different blocks; each call sees its own.
func up5(ctx context.Context, tx *sql.Tx) error {
	for _, p := range []string{"a"} {
		stmt := fmt.Sprintf("CREATE TABLE part_%s ()", p)
		_ = stmt
	}
	stmt := `CREATE TABLE regions (code text PRIMARY KEY)`
	if _, err := tx.ExecContext(ctx, stmt); err != nil {
		return err
	}
	{
		stmt := fmt.Sprintf("ANALYZE %s", "regions")
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	stmt = "CREATE INDEX regions_code_idx ON regions (code)"
	if _, err := tx.ExecContext(ctx, stmt); err != nil {
		return err
	}
	// Reassigned under a condition: which statement runs depends on the path.
	q := "ALTER TABLE regions ADD COLUMN label text"
	if ctx.Err() != nil {
		q = "ALTER TABLE regions ADD COLUMN name text"
	}
	_, err := tx.ExecContext(ctx, q)
	return err
}

func down5(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.Exec("DROP TABLE regions")
	return err
}
