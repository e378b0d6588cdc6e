package models

import (
	"database/sql/driver"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// Flags is stored as the integer its Value returns.
type Flags struct{ Read, Write bool }

func (f Flags) Value() (driver.Value, error) { return int64(0), nil }

// JSONB names its own data type.
type JSONB map[string]any

func (JSONB) GormDataType() string { return "jsonb" }

// Stamp chooses its type per dialect at run time.
type Stamp time.Time

func (Stamp) GormDBDataType(db *gorm.DB, field *schema.Field) string { return "timestamp" }

type Session struct {
	ID       string        `gorm:"primaryKey;size:36"`
	Flags    Flags
	Data     JSONB
	TTL      time.Duration `gorm:"not null"`
	Started  Stamp
	Ended    Stamp `gorm:"type:timestamp(3)"`
	Callback func()
}

func migrate(db *gorm.DB) { _ = db.AutoMigrate(new(Session)) }
