package models

import "time"

// No AutoMigrate here: every struct that looks like a model is declared state.
type Tenant struct {
	ID        int64  `gorm:"primaryKey"`
	Slug      string `gorm:"size:64;not null;uniqueIndex"`
	CreatedAt time.Time
}

type Invoice struct {
	ID       int64 `gorm:"primaryKey"`
	TenantID int64 `gorm:"not null;index"`
	Tenant   Tenant
	Total    int64
	Tags     []string
}

type Timestamps struct {
	CreatedAt time.Time `gorm:"not null"`
}

type NotAModel struct {
	Value int
}
