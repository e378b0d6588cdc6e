CREATE TYPE priority AS ENUM ('low', 'high');

CREATE TABLE countries (
    code char(2) PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE legacy_products (
    id serial PRIMARY KEY,
    name text NOT NULL,
    imported_at timestamp NOT NULL
);

CREATE TABLE products (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku text NOT NULL CHECK (length(sku) <= 32),
    country_code char(2) REFERENCES countries (code),
    priority priority NOT NULL DEFAULT 'low',
    number_of_days_before_the_restock_reminder_is_sent_to_the_buyer integer,
    number_of_days_before_the_restock_reminder_is_sent_to_the_seller integer,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stock_levels (
    in_stock boolean NOT NULL,
    updated_at timestamptz NOT NULL,
    warehouse_id smallint NOT NULL,
    quantity bigint NOT NULL,
    note text
);

CREATE TABLE stock_moves (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    warehouse_id integer NOT NULL,
    inbound boolean NOT NULL,
    quantity bigint NOT NULL
);
