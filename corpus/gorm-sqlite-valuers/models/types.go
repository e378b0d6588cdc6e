package models

import (
	"database/sql/driver"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// Stamp picks its column type per database at run time.
type Stamp time.Time

func (Stamp) GormDBDataType(db *gorm.DB, field *schema.Field) string {
	if db.Dialector.Name() == "sqlite" {
		return "integer"
	}
	return "timestamp"
}

// EditorFlags is stored as the integer its Value returns.
type EditorFlags struct {
	Dirty, Remote bool
}

func (f EditorFlags) Value() (driver.Value, error) {
	var bits int64
	if f.Dirty {
		bits |= 1
	}
	return int64(bits), nil
}
