package models

import "time"

type User struct {
	ID        string `gorm:"primary_key"`
	Email     string `gorm:"uniqueIndex; default:NULL"`
	IsAdmin   bool   `gorm:"default:false; type:bool"`
	CreatedAt Stamp  `gorm:"default:CURRENT_TIMESTAMP"`
}

type Heartbeat struct {
	ID             uint64        `gorm:"primary_key"`
	User           *User         `gorm:"not null; constraint:OnUpdate:CASCADE,OnDelete:CASCADE"`
	UserID         string        `gorm:"not null; index:idx_time_user"`
	Time           Stamp         `gorm:"not null; index:idx_time_user"`
	Flags          EditorFlags
	Timeout        time.Duration `gorm:"not null; default:600000000000"`
	AIPromptLength int
	Hash           string `gorm:"type:varchar(17); uniqueIndex"`
}

type SummaryItems []*SummaryItem

type Summary struct {
	ID        uint         `gorm:"primary_key; size:32"`
	User      *User        `gorm:"not null; constraint:OnUpdate:CASCADE,OnDelete:CASCADE"`
	UserID    string       `gorm:"not null; index:idx_time_summary_user"`
	FromTime  Stamp        `gorm:"not null; index:idx_time_summary_user"`
	Projects  SummaryItems `gorm:"constraint:OnUpdate:CASCADE,OnDelete:CASCADE"`
	Languages SummaryItems `gorm:"-"`
}

type SummaryItem struct {
	ID        uint64   `gorm:"primary_key"`
	Summary   *Summary `gorm:"not null; constraint:OnUpdate:CASCADE,OnDelete:CASCADE"`
	SummaryID uint     `gorm:"size:32"`
	Key       string   `gorm:"size:255"`
	Total     time.Duration
}
