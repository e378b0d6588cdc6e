CREATE TABLE warehouses (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code varchar(12) NOT NULL UNIQUE
);
