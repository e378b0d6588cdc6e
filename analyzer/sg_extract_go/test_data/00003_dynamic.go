package migrations

import (
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationNoTx(func(db *sql.DB) error {
		for _, t := range []string{"a", "b"} {
			if _, err := db.Exec("ANALYZE " + t); err != nil {
				return err
			}
		}
		stmt := fmt.Sprintf("CREATE INDEX CONCURRENTLY %s_idx ON accounts (id)", "x")
		if _, err := db.Exec(stmt); err != nil {
			return err
		}
		if legacy() {
			db.Exec(`ALTER TABLE accounts ADD COLUMN legacy boolean`)
		}
		return backfill(db)
	}, nil)
}

func legacy() bool { return false }
