//! A file with unbalanced delimiters: one located finding.
pub fn migration() -> String {
    "CREATE TABLE x (id int)".to_string(
}
