//! The retention period is one constant used by the service too; the SQL is a `format!` of
//! constants, which schemagraph resolves.

pub const RETENTION_DAYS: &str = "90";
const TABLE: &str = "events";

pub fn migration() -> String {
    format!(
        "ALTER TABLE {TABLE} ADD COLUMN expires_at timestamptz NOT NULL \
         DEFAULT now() + interval '{} days';\n\
         CREATE INDEX {TABLE}_expires_at ON {TABLE} (expires_at);",
        RETENTION_DAYS
    )
}
