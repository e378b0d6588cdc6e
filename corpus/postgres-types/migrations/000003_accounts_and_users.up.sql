CREATE TABLE accounts (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name text NOT NULL,
    billing_email varchar(320),
    country_code char(2) NOT NULL DEFAULT 'US',
    credit_balance numeric(12, 2) NOT NULL DEFAULT 0.00,
    balance_adjustment numeric(12,2) DEFAULT -1.50,
    discount_rate numeric(5, 4) NOT NULL DEFAULT 0.1250,
    metadata jsonb DEFAULT '{"source": "signup", "tags": []}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name)
);

CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id bigint NOT NULL,
    account_id integer REFERENCES accounts ON DELETE SET NULL,
    email varchar(320) NOT NULL,
    full_name text,
    login_count bigint NOT NULL DEFAULT 0,
    failed_logins integer NOT NULL DEFAULT 0,
    last_seen_at timestamp(3) with time zone,
    session_timeout interval NOT NULL DEFAULT '30 minutes',
    preferences json,
    email_domain text GENERATED ALWAYS AS (split_part(email, '@', 2)) STORED,
    legacy_id serial,
    CONSTRAINT users_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT users_tenant_email_key UNIQUE (tenant_id, email)
);

CREATE INDEX ON users (account_id);
CREATE UNIQUE INDEX users_legacy_id_idx ON users (legacy_id) WHERE legacy_id IS NOT NULL;
