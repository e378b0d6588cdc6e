package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upAddProjects, downAddProjects)
}

const createProjects = `CREATE TABLE projects (
    id bigserial PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    name text NOT NULL
)`

func upAddProjects(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, createProjects); err != nil {
		return err
	}
	// Wrong order: audit_events is only created by 00004.
	_, err := tx.ExecContext(ctx, "CREATE INDEX audit_events_project_idx "+
		"ON audit_events (project_id)")
	return err
}

func downAddProjects(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DROP TABLE projects`)
	return err
}
