// Which columns GORM can write NULL into. Fields not tagged `not null` all get nullable
// columns; only some can hold NULL: the `never null` line lists the others.
package models

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"time"

	"gorm.io/gorm"
)

type Status string

// Value returns a conversion: never nil.
func (s Status) Value() (driver.Value, error) { return string(s), nil }

// Tags writes NULL for an empty list.
type Tags []string

func (t Tags) Value() (driver.Value, error) {
	if len(t) == 0 {
		return nil, nil
	}
	return json.Marshal(t)
}

// Code fails on an empty value, which writes nothing.
type Code string

func (c Code) Value() (driver.Value, error) {
	if c == "" {
		return nil, errors.New("empty code")
	}
	return string(c), nil
}

// Level has no `Value()`: its underlying `int` is written.
type Level int

type Blob []byte

type Item struct {
	gorm.Model
	Name      string
	Count     int64
	Seen      time.Time
	Digest    [32]byte
	Status    Status
	Code      Code
	Level     Level
	Note      *string
	Nick      sql.NullString
	Tags      Tags
	Raw       []byte
	Blob      Blob
	Doc       json.RawMessage
	Label     string `gorm:"default:null"`
	Required  *string `gorm:"not null"`
}
