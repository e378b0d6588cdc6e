package models

import "time"

// Account is the tenant: every user belongs to one.
type Account struct {
	ID        uint      `gorm:"primaryKey"`
	Slug      string    `gorm:"size:64;not null;uniqueIndex"`
	Plan      string    `gorm:"size:20;not null;default:free"`
	CreatedAt time.Time `gorm:"not null"`
}
