// Package models is what the service's code reads and writes; the SQL migrations in
// db/migrations are what production runs. They have drifted apart.
package models

import "time"

type Customer struct {
	ID        uint      `gorm:"primaryKey"`
	Email     string    `gorm:"size:320;not null;uniqueIndex"`
	Name      string
	Phone     string    `gorm:"size:32"`
	CreatedAt time.Time
	Invoices  []Invoice
}

type Invoice struct {
	ID         uint   `gorm:"primaryKey"`
	CustomerID uint   `gorm:"not null"`
	TotalCents int64  `gorm:"not null"`
	Currency   string `gorm:"size:3"`
	Memo       *string
	CreatedAt  time.Time
}
