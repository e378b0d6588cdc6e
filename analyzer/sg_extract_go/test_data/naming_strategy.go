package store

import (
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

const usersTable = "accounts"

func open(d gorm.Dialector) (*gorm.DB, error) {
	return gorm.Open(d, &gorm.Config{
		NamingStrategy: schema.NamingStrategy{TablePrefix: "app_", SingularTable: true},
	})
}

type Audit struct {
	CreatedBy string
	CreatedAt time.Time
}

type User struct {
	ID       int64  `gorm:"primaryKey"`
	Login    string `gorm:"size:64;uniqueIndex:ux_login,where:deleted_at IS NULL"`
	Search   string `gorm:"index:,type:gin,expression:to_tsvector('simple'\\, search)"`
	Audit    Audit  `gorm:"embedded;embeddedPrefix:audit_"`
	Scratch  string `gorm:"-:migration"`
	Friends  []*User `gorm:"many2many:user_friends;constraint:OnDelete:CASCADE"`
	TeamCode string
	Team     Team `gorm:"foreignKey:TeamCode;references:Code;constraint:-"`
	DeletedAt gorm.DeletedAt
}

func (User) TableName() string { return usersTable }

type Team struct {
	ID   int64
	Code string `gorm:"size:16;unique"`
}

func migrate(db *gorm.DB) error {
	return db.AutoMigrate(&User{}, &Team{})
}
