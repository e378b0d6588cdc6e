// Package migrations holds the goose migrations; this file registers nothing.
package migrations

import "embed"

//go:embed *.sql
var FS embed.FS
