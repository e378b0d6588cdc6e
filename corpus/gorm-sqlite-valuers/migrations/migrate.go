package migrations

import (
	"github.com/glebarez/sqlite"
	"gorm.io/gorm"

	"example.com/timetrack/models"
)

func Open(path string) (*gorm.DB, error) {
	return gorm.Open(sqlite.Open(path), &gorm.Config{})
}

// One model per call, each checked: the calls run in the order written.
func Run(db *gorm.DB) error {
	if err := db.AutoMigrate(&models.User{}); err != nil {
		return err
	}
	if err := db.AutoMigrate(&models.Heartbeat{}); err != nil {
		return err
	}
	if err := db.AutoMigrate(&models.Summary{}); err != nil {
		return err
	}
	return db.AutoMigrate(&models.SummaryItem{})
}
