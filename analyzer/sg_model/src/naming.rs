//! The names a database gives to objects the statement leaves unnamed.
//!
//! A later `DROP CONSTRAINT users_email_key` only replays correctly if the model named the
//! constraint exactly as PostgreSQL did. PostgreSQL's rule (`makeObjectName` and
//! `ChooseRelationName` in its source) joins the table name, the column names and a label
//! with underscores, truncating the longer of the first two until the whole fits in 63
//! bytes, and appends 1, 2, ... to the label while the name is taken:
//!
//! ```text
//! CREATE TABLE users (email text UNIQUE)        -> users_email_key
//! CREATE INDEX ON users (lower(email))          -> users_lower_idx
//! CREATE INDEX ON users (name) -- twice         -> users_name_idx, users_name_idx1
//! ```

use crate::ident::truncate_bytes;

const NAMEDATALEN_MINUS_ONE: usize = 63;

/// PostgreSQL's `makeObjectName`.
pub fn make_object_name(name1: &str, name2: Option<&str>, label: Option<&str>) -> String {
    let mut overhead = 0;
    let mut name1chars = name1.len();
    let mut name2chars = 0;
    if let Some(name2) = name2 {
        name2chars = name2.len();
        overhead += 1;
    }
    if let Some(label) = label {
        overhead += label.len() + 1;
    }
    let avail = NAMEDATALEN_MINUS_ONE.saturating_sub(overhead);
    while name1chars + name2chars > avail {
        if name1chars > name2chars {
            name1chars -= 1;
        } else {
            name2chars -= 1;
        }
    }
    let mut out = truncate_bytes(name1, name1chars).to_owned();
    if let Some(name2) = name2 {
        out.push('_');
        out.push_str(truncate_bytes(name2, name2chars));
    }
    if let Some(label) = label {
        out.push('_');
        out.push_str(label);
    }
    out
}

/// PostgreSQL's `ChooseRelationName`/`ChooseConstraintName`: the first candidate for which
/// `taken` says no, adding a counter to the label.
pub fn choose_name(name1: &str, name2: Option<&str>, label: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut candidate = make_object_name(name1, name2, Some(label));
    let mut pass = 0;
    while taken(&candidate) {
        pass += 1;
        candidate = make_object_name(name1, name2, Some(&format!("{label}{pass}")));
    }
    candidate
}

/// The column part of a generated index or constraint name: column names joined by `_`,
/// stopping once the buffer is full (`ChooseIndexNameAddition`).
pub fn join_column_names<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut buf = String::new();
    for name in names {
        if !buf.is_empty() {
            buf.push('_');
        }
        buf.push_str(name);
        if buf.len() >= NAMEDATALEN_MINUS_ONE {
            break;
        }
    }
    truncate_bytes(&buf, NAMEDATALEN_MINUS_ONE).to_owned()
}

/// The name PostgreSQL derives for an expression index key (`FigureColname`): the function
/// name for a call, the column name for a cast of a column, else `expr`.
pub fn expression_key_name(expr: &str) -> String {
    let trimmed = expr.trim().trim_start_matches('(');
    let ident: String = trimmed.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.').collect();
    let rest = trimmed[ident.len()..].trim_start();
    if !ident.is_empty() && (rest.starts_with('(') || rest.starts_with("::")) {
        return ident.rsplit('.').next().unwrap_or(&ident).to_ascii_lowercase();
    }
    "expr".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected names were read from PostgreSQL 15 after running the same DDL.
    #[test]
    fn truncates_the_longer_part_first() {
        let table = "A very long table name that certainly exceeds the sixty three l";
        assert_eq!(
            make_object_name(table, None, Some("pkey")),
            "A very long table name that certainly exceeds the sixty th_pkey"
        );
        assert_eq!(
            make_object_name(table, Some("some_rather_long_column_name_to_force_truncation_here"), Some("key")),
            "A very long table name that c_some_rather_long_column_name__key"
        );
    }

    #[test]
    fn counter_goes_on_the_label() {
        let taken = ["u1_name_idx"];
        assert_eq!(choose_name("u1", Some("name"), "idx", |n| taken.contains(&n)), "u1_name_idx1");
    }

    #[test]
    fn expression_keys_are_named_after_their_function() {
        assert_eq!(expression_key_name("lower(name)"), "lower");
        assert_eq!(expression_key_name("(a + b)"), "expr");
    }
}
