package models

import "time"

type Status string

type Order struct {
	ID         uint64    `gorm:"primaryKey"`
	CustomerID uint      `gorm:"not null;index:idx_orders_customer_placed,priority:1"`
	PlacedAt   time.Time `gorm:"not null;index:idx_orders_customer_placed,priority:2,sort:desc"`
	Status     Status    `gorm:"size:16;not null;default:pending;check:status IN ('pending','paid','shipped')"`
	TotalCents int64     `gorm:"not null"`
	Items      []OrderItem
}

// OrderItem lives in `order_lines`, not the `order_items` GORM would choose.
type OrderItem struct {
	OrderID   uint64 `gorm:"primaryKey"`
	ProductID uint   `gorm:"primaryKey"`
	Product   Product
	Quantity  int32   `gorm:"not null"`
	Price     float64 `gorm:"precision:12;scale:2;not null"`
}

func (OrderItem) TableName() string { return "order_lines" }

type Product struct {
	ID   uint   `gorm:"primaryKey"`
	SKU  string `gorm:"column:sku;size:32;not null;uniqueIndex"`
	Name string `gorm:"not null"`
}
