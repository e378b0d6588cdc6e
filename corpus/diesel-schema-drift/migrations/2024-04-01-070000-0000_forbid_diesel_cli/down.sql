DROP TRIGGER forbid_diesel_cli ON __diesel_schema_migrations;
DROP FUNCTION forbid_diesel_cli;
