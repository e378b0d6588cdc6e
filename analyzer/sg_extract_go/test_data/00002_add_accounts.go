package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upAddAccounts, downAddAccounts)
}

const accountsTable = "accounts"

const createAccounts = `CREATE TABLE ` + accountsTable + ` (
	id bigserial PRIMARY KEY,
	email text NOT NULL
)`

func upAddAccounts(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, createAccounts); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "CREATE INDEX accounts_email_idx ON accounts (email);\n"+
		"ALTER TABLE accounts ADD COLUMN \"note\" text")
	return err
}

func downAddAccounts(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "DROP TABLE accounts")
	return err
}
