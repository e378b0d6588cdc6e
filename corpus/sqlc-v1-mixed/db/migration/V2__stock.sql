CREATE TABLE stock (
    warehouse_id bigint NOT NULL REFERENCES warehouses (id),
    sku varchar(32) NOT NULL,
    quantity integer NOT NULL DEFAULT 0,
    PRIMARY KEY (warehouse_id, sku)
);
