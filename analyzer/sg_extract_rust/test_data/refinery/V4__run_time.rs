//! SQL from an environment variable: unresolved, reported.
pub fn migration() -> String {
    let table = std::env::var("AUDIT_TABLE").unwrap_or_default();
    format!("DROP TABLE {}", table)
}
