//! A refinery migration returning a literal, with non-ASCII text inside the SQL.
// Refinery runs what `migration()` returns.
pub fn migration() -> String {
    "CREATE TABLE tenants (
        id uuid PRIMARY KEY,
        name text NOT NULL -- «Mandant»
    );
    CREATE INDEX tenants_name_idx ON tenants (name);"
        .to_string()
}
