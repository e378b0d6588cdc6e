module example.com/timetrack

go 1.22

require (
	github.com/glebarez/sqlite v1.11.0
	gorm.io/gorm v1.25.12
)
