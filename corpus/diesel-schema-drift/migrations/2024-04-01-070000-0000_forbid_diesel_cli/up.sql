-- Migrations run from the binary only: the diesel CLI would skip the embedded checks.
CREATE FUNCTION forbid_diesel_cli () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('billing.migrating', TRUE) IS DISTINCT FROM 'on' THEN
        RAISE 'run migrations with `billing-api migrate`';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER forbid_diesel_cli
    BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON __diesel_schema_migrations
    EXECUTE FUNCTION forbid_diesel_cli ();
