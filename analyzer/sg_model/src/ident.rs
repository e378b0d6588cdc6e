//! Identifiers and qualified names, normalized the way each database compares them.
//!
//! PostgreSQL folds unquoted names to lower case and keeps quoted names as written, and it
//! truncates every name to 63 bytes. MySQL and SQLite compare table and column names without
//! regard to case, so their identifiers compare by a lower-cased key but keep the spelling
//! they were created with for display.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Dialect {
    Postgres,
    MySql,
    Sqlite,
}

impl Dialect {
    pub const ALL: [Dialect; 3] = [Dialect::Postgres, Dialect::MySql, Dialect::Sqlite];

    /// The name used in configuration files and in output.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::MySql => "mysql",
            Dialect::Sqlite => "sqlite",
        }
    }

    /// Accepts the spellings users write in configuration and directory names.
    pub fn from_name(name: &str) -> Option<Dialect> {
        match name.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" | "pg" | "pgsql" => Some(Dialect::Postgres),
            "mysql" | "mariadb" => Some(Dialect::MySql),
            "sqlite" | "sqlite3" => Some(Dialect::Sqlite),
            _ => None,
        }
    }

    /// The schema an unqualified table name lands in.
    pub fn default_schema(self) -> Option<&'static str> {
        match self {
            Dialect::Postgres => Some("public"),
            Dialect::Sqlite => Some("main"),
            // A MySQL schema is a database; an unqualified name lands in whichever database
            // the connection uses, which a migration file does not say.
            Dialect::MySql => None,
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// PostgreSQL's NAMEDATALEN - 1.
const PG_MAX_IDENT_BYTES: usize = 63;

/// A normalized identifier. Equality, ordering and hashing use the comparison key only.
#[derive(Clone)]
pub struct Ident {
    text: Box<str>,
    key: Box<str>,
    /// PostgreSQL cut the name as written down to 63 bytes.
    truncated: bool,
}

impl Ident {
    /// An identifier as written in source: `quoted` says whether it was in quotes (or
    /// backticks) there, which decides case folding.
    pub fn new(raw: &str, quoted: bool, dialect: Dialect) -> Ident {
        match dialect {
            Dialect::Postgres => {
                let folded = if quoted { raw.to_owned() } else { raw.to_ascii_lowercase() };
                let text: Box<str> = truncate_bytes(&folded, PG_MAX_IDENT_BYTES).into();
                Ident { key: text.clone(), truncated: text.len() < folded.len(), text }
            }
            Dialect::MySql | Dialect::Sqlite => {
                Ident { text: raw.into(), key: raw.to_lowercase().into(), truncated: false }
            }
        }
    }

    /// An identifier that is already normalized, such as a generated constraint name or a
    /// name from configuration.
    pub fn normalized(text: &str) -> Ident {
        Ident { text: text.into(), key: text.to_lowercase().into(), truncated: false }
    }

    /// A name that compares exactly as written (PostgreSQL semantics for generated names).
    pub fn exact(text: &str) -> Ident {
        Ident { text: text.into(), key: text.into(), truncated: false }
    }

    /// Whether the name as written was longer than PostgreSQL's 63 bytes and was cut.
    pub fn was_truncated(&self) -> bool {
        self.truncated
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn key(&self) -> &str {
        &self.key
    }
}

/// Truncates to at most `max` bytes without splitting a character, as PostgreSQL does.
pub fn truncate_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

impl PartialEq for Ident {
    fn eq(&self, other: &Ident) -> bool {
        self.key == other.key
    }
}

impl Eq for Ident {}

impl PartialOrd for Ident {
    fn partial_cmp(&self, other: &Ident) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ident {
    fn cmp(&self, other: &Ident) -> Ordering {
        self.key.cmp(&other.key)
    }
}

impl Hash for Ident {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", &*self.text)
    }
}

/// A possibly schema-qualified name, as written in a statement.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct ObjectName {
    pub schema: Option<Ident>,
    pub name: Ident,
}

impl ObjectName {
    pub fn new(schema: Option<Ident>, name: Ident) -> ObjectName {
        ObjectName { schema, name }
    }

    pub fn unqualified(name: Ident) -> ObjectName {
        ObjectName { schema: None, name }
    }

    /// The name with its schema resolved: an unqualified name lands in the dialect's default
    /// schema. The replay uses resolved names as keys.
    pub fn resolve(&self, dialect: Dialect) -> QualifiedName {
        let schema = self.schema.clone().or_else(|| dialect.default_schema().map(Ident::exact));
        QualifiedName { schema, name: self.name.clone() }
    }
}

impl fmt::Display for ObjectName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.schema {
            Some(schema) => write!(f, "{schema}.{}", self.name),
            None => write!(f, "{}", self.name),
        }
    }
}

/// A name with its schema resolved; the key of every object in a [`crate::Schema`].
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct QualifiedName {
    pub schema: Option<Ident>,
    pub name: Ident,
}

impl QualifiedName {
    /// How the name reads in a message: the schema is shown only when it is not the default
    /// one, so users see `orders`, not `public.orders`.
    pub fn display(&self, dialect: Dialect) -> String {
        match &self.schema {
            Some(schema) if Some(schema.key()) != dialect.default_schema() => {
                format!("{schema}.{}", self.name)
            }
            _ => self.name.to_string(),
        }
    }

    pub fn schema_str(&self) -> Option<&str> {
        self.schema.as_ref().map(Ident::as_str)
    }
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.schema {
            Some(schema) => write!(f, "{schema}.{}", self.name),
            None => write!(f, "{}", self.name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_folds_unquoted_and_truncates() {
        let a = Ident::new("Users", false, Dialect::Postgres);
        let b = Ident::new("users", true, Dialect::Postgres);
        let c = Ident::new("Users", true, Dialect::Postgres);
        assert_eq!(a, b);
        assert_ne!(a, c);
        let long = "x".repeat(70);
        assert_eq!(Ident::new(&long, false, Dialect::Postgres).as_str().len(), 63);
    }

    #[test]
    fn mysql_compares_without_case_but_keeps_spelling() {
        let a = Ident::new("UserId", true, Dialect::MySql);
        let b = Ident::new("userid", false, Dialect::MySql);
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "UserId");
    }

    #[test]
    fn unqualified_names_resolve_to_the_default_schema() {
        let name = ObjectName::unqualified(Ident::new("t", false, Dialect::Postgres));
        assert_eq!(name.resolve(Dialect::Postgres).to_string(), "public.t");
        assert_eq!(name.resolve(Dialect::MySql).to_string(), "t");
        assert_eq!(name.resolve(Dialect::Postgres).display(Dialect::Postgres), "t");
    }
}
