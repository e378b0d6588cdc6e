package migrations

import (
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddNamedMigration("00006_named.go", func(tx *sql.Tx) error {
		_, err := tx.Exec("CREATE TABLE named (id int)\r\n")
		return err
	}, func(tx *sql.Tx) error {
		_, err := tx.Exec(`DROP TABLE named`)
		return err
	})
}
