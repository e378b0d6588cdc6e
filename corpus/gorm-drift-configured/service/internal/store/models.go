package store

import "time"

type Notebook struct {
	ID        int64  `gorm:"primaryKey"`
	Title     string `gorm:"size:200;not null"`
	Notes     []Note
	CreatedAt time.Time
}

type Note struct {
	ID         int64 `gorm:"primaryKey"`
	NotebookID int64 `gorm:"not null;index"`
	Body       string
	Pinned     bool `gorm:"not null;default:false"`
}
