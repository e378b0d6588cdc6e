package models

import (
	"database/sql"
	"time"

	"gorm.io/datatypes"
	"gorm.io/gorm"
)

type Status string

// Company is referenced by users (belongs to).
type Company struct {
	ID   int
	Name string `gorm:"size:200;not null;uniqueIndex"`
}

type User struct {
	gorm.Model
	Email     string `gorm:"size:320;not null;unique"`
	Name      sql.NullString
	Age       uint8 `gorm:"check:age >= 18"`
	Status    Status `gorm:"default:active;index:idx_status_company,priority:2"`
	CompanyID int    `gorm:"index:idx_status_company,priority:1"`
	Company   Company
	ManagerID *uint
	Manager   *User      `gorm:"constraint:OnDelete:SET NULL"`
	Orders    []Order    `gorm:"constraint:OnUpdate:CASCADE,OnDelete:CASCADE;"`
	Languages []Language `gorm:"many2many:user_languages;"`
	Profile   Profile
	Settings  datatypes.JSON
	Balance   float64 `gorm:"precision:12;scale:2"`
	internal  string
	Ignored   string `gorm:"-"`
	ReadOnly  string `gorm:"->"`
}

type Order struct {
	ID        uint64 `gorm:"primaryKey;autoIncrement:false"`
	UserID    uint
	PlacedAt  time.Time `gorm:"not null;default:CURRENT_TIMESTAMP"`
	Reference string    `gorm:"column:ref;type:varchar(40)"`
}

type Language struct {
	Code string `gorm:"primaryKey;size:8"`
	Name string
}

type Profile struct {
	ID     uint
	UserID uint `gorm:"uniqueIndex"`
	Bio    string
}

type Audit struct {
	Base   `gorm:"embedded;embeddedPrefix:audit_"`
	Action string
}

type Base struct {
	ID        string `gorm:"type:uuid;primaryKey;default:gen_random_uuid()"`
	CreatedAt time.Time
}

func (Profile) TableName() string { return "user_profiles" }

func Migrate(db *gorm.DB) error {
	return db.AutoMigrate(&User{}, &Order{}, &Audit{})
}
