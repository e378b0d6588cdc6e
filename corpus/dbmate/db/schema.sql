-- Written by `dbmate dump` after every migration; it is a snapshot of the database,
-- not a migration, so discovery must not mistake it for one.
SET statement_timeout = 0;
SET client_encoding = 'UTF8';

CREATE TYPE public.invoice_status AS ENUM (
    'draft',
    'open',
    'paid',
    'void'
);

CREATE TABLE public.accounts (
    id bigint NOT NULL,
    tenant_key text NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.schema_migrations (
    version character varying(128) NOT NULL
);

INSERT INTO public.schema_migrations (version) VALUES
    ('20240105093000'),
    ('20240118161000'),
    ('20240212141500');
