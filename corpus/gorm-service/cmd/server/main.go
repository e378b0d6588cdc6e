package main

import (
	"log"
	"os"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"example.com/shop/internal/models"
)

func main() {
	db, err := gorm.Open(postgres.Open(os.Getenv("DATABASE_URL")), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	// GORM creates what it depends on first: accounts before users, users before orders.
	if err := db.AutoMigrate(&models.User{}, &models.Order{}, &models.OrderItem{}, &models.Product{}); err != nil {
		log.Fatal(err)
	}
}
