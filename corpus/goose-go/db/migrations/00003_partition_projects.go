package migrations

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationNoTxContext(upPartition, nil)
}

func upPartition(ctx context.Context, db *sql.DB) error {
	if err := ensureTrigram(ctx, db); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, "CREATE INDEX CONCURRENTLY projects_tenant_idx ON projects (tenant_id)"); err != nil {
		return err
	}
	for _, shard := range []string{"a", "b"} {
		stmt := fmt.Sprintf("CREATE TABLE projects_archive_%s (LIKE projects)", shard)
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	return nil
}
