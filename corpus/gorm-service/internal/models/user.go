package models

import (
	"database/sql"

	"gorm.io/gorm"
)

type User struct {
	gorm.Model
	AccountID uint   `gorm:"not null;uniqueIndex:idx_users_account_email,priority:1"`
	Account   Account `gorm:"constraint:OnDelete:CASCADE"`
	Email     string `gorm:"size:320;not null;uniqueIndex:idx_users_account_email,priority:2"`
	Name      sql.NullString
	// A self-reference: a user may be managed by another user of the same account.
	ManagerID *uint
	Manager   *User   `gorm:"constraint:OnDelete:SET NULL"`
	Orders    []Order `gorm:"foreignKey:CustomerID"`
	Roles     []Role  `gorm:"many2many:user_roles"`
}

type Role struct {
	ID   uint   `gorm:"primaryKey"`
	Name string `gorm:"size:50;not null;unique"`
}
