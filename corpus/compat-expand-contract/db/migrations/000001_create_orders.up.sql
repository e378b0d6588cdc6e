CREATE SCHEMA reporting;

CREATE TYPE order_status AS ENUM ('pending', 'paid', 'cancelled', 'legacy');

CREATE TABLE tenants (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    email text NOT NULL,
    fax text,
    referred_by bigint,
    UNIQUE (tenant_id, email),
    UNIQUE (tenant_id, id),
    CONSTRAINT customers_referred_by_fkey FOREIGN KEY (tenant_id, referred_by) REFERENCES customers (tenant_id, id)
);

CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    customer_id bigint NOT NULL REFERENCES customers (id),
    status order_status NOT NULL DEFAULT 'pending',
    total numeric(12, 2) NOT NULL,
    UNIQUE (tenant_id, id)
);
CREATE INDEX orders_tenant_customer_idx ON orders (tenant_id, customer_id);

CREATE TABLE order_items (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL,
    order_id bigint NOT NULL,
    line_no integer NOT NULL,
    sku text NOT NULL,
    FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id)
);
CREATE INDEX order_items_tenant_order_idx ON order_items (tenant_id, order_id);

CREATE TABLE order_notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL,
    order_id bigint NOT NULL,
    body text NOT NULL,
    FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id)
);
CREATE INDEX order_notes_tenant_order_idx ON order_notes (tenant_id, order_id);

CREATE TABLE customer_tags (
    tenant_id bigint NOT NULL,
    customer_id bigint NOT NULL,
    tag text NOT NULL,
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);

CREATE TABLE legacy_exports (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    exported_at timestamptz NOT NULL,
    payload jsonb NOT NULL
);
CREATE INDEX legacy_exports_tenant_idx ON legacy_exports (tenant_id);

CREATE TABLE reporting.daily_revenue (
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    day date NOT NULL,
    revenue numeric(14, 2) NOT NULL,
    PRIMARY KEY (tenant_id, day)
);
