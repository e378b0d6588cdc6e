-- PostgreSQL has no CREATE TYPE IF NOT EXISTS; these are the two usual ways to make
-- enum creation safe to re-run.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'invoice_status') THEN
        CREATE TYPE invoice_status AS ENUM ('draft', 'open', 'paid', 'void');
    END IF;
END
$$;

DO $$
BEGIN
    CREATE TYPE member_role AS ENUM ('owner', 'admin', 'member');
EXCEPTION
    WHEN duplicate_object THEN NULL;
END
$$;
