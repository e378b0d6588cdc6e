//! Column types: one canonical spelling per dialect, plus a family that rules compare.
//!
//! Every extractor hands a type to the model as text (`VARCHAR(255)`, `int4`, `timestamptz`,
//! the SQL an ORM would emit), and this module is the one place that turns that text into
//! the database's own spelling. For PostgreSQL that is `format_type()`'s output, which the
//! PostgreSQL oracle test compares against a real catalog:
//!
//! ```text
//! int4, INTEGER, serial         -> integer
//! varchar(200)                  -> character varying(200)
//! timestamptz                   -> timestamp with time zone
//! numeric(12, 2)                -> numeric(12,2)
//! int[] / integer ARRAY         -> integer[]
//! ```

use std::fmt;

use crate::ident::Dialect;

/// A column type in the dialect's canonical spelling.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SqlType {
    /// The spelling the database itself reports (`format_type` on PostgreSQL).
    pub canonical: String,
    pub family: TypeFamily,
}

impl fmt::Debug for SqlType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.canonical)
    }
}

impl fmt::Display for SqlType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical)
    }
}

/// What a type is, independent of spelling; rules compare families.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum TypeFamily {
    /// Integers, with their size in bytes (2, 4, 8; 1 and 3 for MySQL's tiny and medium).
    Integer {
        bytes: u8,
        unsigned: bool,
    },
    Numeric {
        precision: Option<u32>,
        scale: Option<u32>,
    },
    Float {
        bytes: u8,
    },
    Text,
    VarChar {
        len: Option<u32>,
    },
    Char {
        len: Option<u32>,
    },
    Boolean,
    Timestamp {
        tz: bool,
    },
    Date,
    Time {
        tz: bool,
    },
    Interval,
    Uuid,
    Json,
    Jsonb,
    Binary,
    Array(Box<TypeFamily>),
    /// An enum declared inline (MySQL `enum('a','b')`), with its labels.
    InlineEnum(Vec<String>),
    /// A named type the model does not know the meaning of: an enum, a domain, an
    /// extension type such as `citext`. Holds the canonical name.
    Named(String),
}

impl TypeFamily {
    pub fn is_integer(&self) -> bool {
        matches!(self, TypeFamily::Integer { .. })
    }

    pub fn is_text_like(&self) -> bool {
        matches!(self, TypeFamily::Text | TypeFamily::VarChar { .. } | TypeFamily::Char { .. })
    }

    /// PostgreSQL's `unknown`: the type of a `CREATE TABLE ... AS SELECT` column whose
    /// expression does not say; nothing can be concluded from it.
    pub fn is_unknown(&self) -> bool {
        matches!(self, TypeFamily::Named(name) if name == "unknown")
    }
}

/// The parts of a type as written: `numeric(12, 2)[]` is base `numeric`, args `["12", "2"]`,
/// one array dimension.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
struct TypeParts {
    /// Lower-cased base words joined by one space, e.g. `double precision`; a quoted or
    /// schema-qualified name keeps its spelling.
    base: String,
    /// Whether the base was quoted, so its case is significant.
    quoted: bool,
    schema: Option<String>,
    args: Vec<String>,
    /// `Some(true)` for `with time zone`, `Some(false)` for `without time zone`.
    time_zone: Option<bool>,
    array_dims: usize,
    unsigned: bool,
}

impl SqlType {
    /// Parses a type written in `dialect` and returns its canonical form.
    ///
    /// The parse never fails: a type the model does not know keeps its own (normalized)
    /// spelling and the family [`TypeFamily::Named`].
    pub fn parse(text: &str, dialect: Dialect) -> SqlType {
        let parts = split_type(text);
        match dialect {
            Dialect::Postgres => postgres_type(&parts),
            Dialect::MySql => mysql_type(&parts),
            Dialect::Sqlite => sqlite_type(text),
        }
    }

    /// A PostgreSQL `serial` pseudo-type: returns the integer type it stands for. The column
    /// also gets a sequence default and NOT NULL, which the replay adds.
    pub fn serial_base(text: &str, dialect: Dialect) -> Option<SqlType> {
        if dialect != Dialect::Postgres {
            return None;
        }
        let parts = split_type(text);
        if parts.array_dims > 0 || parts.quoted || parts.schema.is_some() {
            return None;
        }
        let base = match parts.base.as_str() {
            "smallserial" | "serial2" => "smallint",
            "serial" | "serial4" => "integer",
            "bigserial" | "serial8" => "bigint",
            _ => return None,
        };
        Some(SqlType::parse(base, Dialect::Postgres))
    }

    /// The same type without its length or precision, as PostgreSQL labels a literal cast to
    /// it (`'x'::character varying` for a `varchar(10)` column).
    pub fn without_modifiers(&self, dialect: Dialect) -> String {
        if dialect != Dialect::Postgres {
            return self.canonical.clone();
        }
        // An array's label drops its element's modifiers: `'{}'::numeric[]` for a
        // `numeric(10,2)[]` column.
        let (family, suffix) = match &self.family {
            TypeFamily::Array(inner) => (&**inner, "[]"),
            family => (family, ""),
        };
        match family {
            TypeFamily::VarChar { .. } => format!("character varying{suffix}"),
            TypeFamily::Char { .. } => format!("bpchar{suffix}"),
            TypeFamily::Numeric { .. } => format!("numeric{suffix}"),
            TypeFamily::Timestamp { tz } => {
                format!("timestamp {} time zone{suffix}", if *tz { "with" } else { "without" })
            }
            TypeFamily::Time { tz } => format!("time {} time zone{suffix}", if *tz { "with" } else { "without" }),
            TypeFamily::Interval => format!("interval{suffix}"),
            _ => self.canonical.clone(),
        }
    }
}

fn split_type(text: &str) -> TypeParts {
    let mut parts = TypeParts::default();
    let mut rest = text.trim();

    // Array suffixes: `int[]`, `int[3][]`, `integer ARRAY`, `integer ARRAY[4]`.
    loop {
        let trimmed = rest.trim_end();
        if let Some(open) = trimmed.strip_suffix(']').and_then(|s| s.rfind('['))
            && trimmed[open..]
                .chars()
                .skip(1)
                .take_while(|c| *c != ']')
                .all(|c| c.is_ascii_digit() || c.is_whitespace())
        {
            parts.array_dims += 1;
            rest = &trimmed[..open];
            continue;
        }
        let lower = trimmed.to_ascii_lowercase();
        if lower.ends_with(" array") {
            parts.array_dims += 1;
            rest = &trimmed[..trimmed.len() - " array".len()];
            continue;
        }
        rest = trimmed;
        break;
    }

    // Time zone suffix.
    let lower = rest.to_ascii_lowercase();
    let collapsed = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut body = rest.to_owned();
    if let Some(stripped) = collapsed.strip_suffix(" with time zone") {
        parts.time_zone = Some(true);
        body = reattach_case(rest, stripped.len());
    } else if let Some(stripped) = collapsed.strip_suffix(" without time zone") {
        parts.time_zone = Some(false);
        body = reattach_case(rest, stripped.len());
    }

    // MySQL attributes that are part of the type.
    let mut words: Vec<String> = Vec::new();
    let mut args_text = None;
    let mut after_args = String::new();
    if let Some(open) = find_unquoted(&body, '(') {
        let close = body.rfind(')').unwrap_or(body.len());
        if close > open {
            args_text = Some(body[open + 1..close].to_owned());
            after_args = body[close + 1..].to_owned();
        }
        body = body[..open].to_owned();
    }
    for w in after_args.split_whitespace() {
        match w.to_ascii_lowercase().as_str() {
            "unsigned" => parts.unsigned = true,
            "zerofill" | "signed" => {}
            // `timestamp(3) with time zone` was stripped above; anything else after the
            // arguments (`varchar(10) binary`) belongs to the base name.
            other => words.push(other.to_owned()),
        }
    }
    let mut base_words = Vec::new();
    for w in body.split_whitespace() {
        match w.to_ascii_lowercase().as_str() {
            "unsigned" => parts.unsigned = true,
            "zerofill" | "signed" => {}
            _ => base_words.push(w.to_owned()),
        }
    }
    base_words.extend(words);
    let base = base_words.join(" ");

    // A quoted or schema-qualified name keeps its case.
    let (schema, name, quoted) = split_qualified(&base);
    parts.schema = schema;
    parts.quoted = quoted;
    parts.base = if quoted { name } else { name.to_ascii_lowercase() };
    if let Some(args) = args_text {
        parts.args = split_args(&args);
    }
    parts
}

/// Takes the first `len` bytes of `original` after collapsing whitespace would have given
/// `len` bytes; used to cut a suffix off while keeping the prefix's case.
fn reattach_case(original: &str, collapsed_len: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for word in original.split_whitespace() {
        let add = if out.is_empty() { word.len() } else { word.len() + 1 };
        if count + add > collapsed_len {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        count += add;
    }
    out
}

fn find_unquoted(s: &str, needle: char) -> Option<usize> {
    let mut in_quote = None;
    for (i, c) in s.char_indices() {
        match (in_quote, c) {
            (None, '"' | '`' | '\'') => in_quote = Some(c),
            (Some(q), c) if c == q => in_quote = None,
            (None, c) if c == needle => return Some(i),
            _ => {}
        }
    }
    None
}

fn split_qualified(base: &str) -> (Option<String>, String, bool) {
    let mut segments = Vec::new();
    let mut current = String::new();
    let mut quoted_any = false;
    let mut in_quote = None;
    for c in base.chars() {
        match (in_quote, c) {
            (None, '"' | '`') => {
                in_quote = Some(c);
                quoted_any = true;
            }
            (Some(q), c) if c == q => in_quote = None,
            (None, '.') => segments.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    segments.push(current);
    let name = segments.pop().unwrap_or_default();
    let schema = segments.pop().map(|s| if quoted_any { s } else { s.to_ascii_lowercase() });
    (schema, name, quoted_any)
}

fn split_args(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_quote = false;
    for c in args.chars() {
        match c {
            '\'' => {
                in_quote = !in_quote;
                current.push(c);
            }
            ',' if !in_quote => out.push(std::mem::take(&mut current).trim().to_owned()),
            _ => current.push(c),
        }
    }
    if !current.trim().is_empty() || !out.is_empty() {
        out.push(current.trim().to_owned());
    }
    out
}

fn num_arg(parts: &TypeParts, i: usize) -> Option<u32> {
    parts.args.get(i).and_then(|a| a.trim().parse().ok())
}

fn postgres_type(parts: &TypeParts) -> SqlType {
    let (canonical, family) = postgres_scalar(parts);
    if parts.array_dims == 0 {
        return SqlType { canonical, family };
    }
    // format_type prints one pair of brackets whatever the number of dimensions.
    SqlType { canonical: format!("{canonical}[]"), family: TypeFamily::Array(Box::new(family)) }
}

fn postgres_scalar(parts: &TypeParts) -> (String, TypeFamily) {
    let int = |bytes| TypeFamily::Integer { bytes, unsigned: false };
    if parts.quoted || parts.schema.as_deref().is_some_and(|s| s != "pg_catalog") {
        let name = named_type(parts);
        return (name.clone(), TypeFamily::Named(name));
    }
    let precision = || num_arg(parts, 0);
    let tz_suffix = |tz: bool| {
        if tz { "with time zone" } else { "without time zone" }
    };
    match parts.base.as_str() {
        "smallint" | "int2" | "smallserial" | "serial2" => ("smallint".into(), int(2)),
        "integer" | "int" | "int4" | "serial" | "serial4" => ("integer".into(), int(4)),
        "bigint" | "int8" | "bigserial" | "serial8" => ("bigint".into(), int(8)),
        "real" | "float4" => ("real".into(), TypeFamily::Float { bytes: 4 }),
        "double precision" | "float8" => ("double precision".into(), TypeFamily::Float { bytes: 8 }),
        "float" => match precision() {
            Some(p) if p <= 24 => ("real".into(), TypeFamily::Float { bytes: 4 }),
            _ => ("double precision".into(), TypeFamily::Float { bytes: 8 }),
        },
        "numeric" | "decimal" | "dec" => match (num_arg(parts, 0), num_arg(parts, 1)) {
            (Some(p), s) => {
                let s = s.unwrap_or(0);
                (format!("numeric({p},{s})"), TypeFamily::Numeric { precision: Some(p), scale: Some(s) })
            }
            _ => ("numeric".into(), TypeFamily::Numeric { precision: None, scale: None }),
        },
        "character varying" | "varchar" | "char varying" => match precision() {
            Some(n) => (format!("character varying({n})"), TypeFamily::VarChar { len: Some(n) }),
            None => ("character varying".into(), TypeFamily::VarChar { len: None }),
        },
        "character" | "char" => {
            let n = precision().unwrap_or(1);
            (format!("character({n})"), TypeFamily::Char { len: Some(n) })
        }
        "bpchar" => match precision() {
            Some(n) => (format!("character({n})"), TypeFamily::Char { len: Some(n) }),
            None => ("bpchar".into(), TypeFamily::Char { len: None }),
        },
        "text" => ("text".into(), TypeFamily::Text),
        "boolean" | "bool" => ("boolean".into(), TypeFamily::Boolean),
        "timestamp" | "timestamptz" => {
            let tz = parts.base == "timestamptz" || parts.time_zone == Some(true);
            let p = precision().map(|p| format!("({p})")).unwrap_or_default();
            (format!("timestamp{p} {}", tz_suffix(tz)), TypeFamily::Timestamp { tz })
        }
        "time" | "timetz" => {
            let tz = parts.base == "timetz" || parts.time_zone == Some(true);
            let p = precision().map(|p| format!("({p})")).unwrap_or_default();
            (format!("time{p} {}", tz_suffix(tz)), TypeFamily::Time { tz })
        }
        "date" => ("date".into(), TypeFamily::Date),
        "interval" => {
            let p = precision().map(|p| format!("({p})")).unwrap_or_default();
            (format!("interval{p}"), TypeFamily::Interval)
        }
        // `interval day to second(3)`: the fields restrict the value; format_type prints
        // them in lower case after the base, the precision last.
        base if base.strip_prefix("interval ").is_some_and(|fields| {
            fields.split(' ').all(|w| matches!(w, "year" | "month" | "day" | "hour" | "minute" | "second" | "to"))
        }) =>
        {
            let p = precision().map(|p| format!("({p})")).unwrap_or_default();
            (format!("{base}{p}"), TypeFamily::Interval)
        }
        "uuid" => ("uuid".into(), TypeFamily::Uuid),
        "json" => ("json".into(), TypeFamily::Json),
        "jsonb" => ("jsonb".into(), TypeFamily::Jsonb),
        "bytea" => ("bytea".into(), TypeFamily::Binary),
        "bit" => {
            let n = precision().unwrap_or(1);
            (format!("bit({n})"), TypeFamily::Named("bit".into()))
        }
        "bit varying" | "varbit" => match precision() {
            Some(n) => (format!("bit varying({n})"), TypeFamily::Named("bit varying".into())),
            None => ("bit varying".into(), TypeFamily::Named("bit varying".into())),
        },
        // Types PostgreSQL spells as written; listed so they are not mistaken for user types.
        other @ ("inet" | "cidr" | "macaddr" | "macaddr8" | "money" | "xml" | "tsvector" | "tsquery" | "point"
        | "line" | "lseg" | "box" | "path" | "polygon" | "circle" | "oid" | "regclass" | "int4range"
        | "int8range" | "numrange" | "tsrange" | "tstzrange" | "daterange" | "pg_lsn" | "txid_snapshot") => {
            (other.into(), TypeFamily::Named(other.into()))
        }
        _ => {
            let name = named_type(parts);
            (name.clone(), TypeFamily::Named(name))
        }
    }
}

/// A user-defined or extension type: shown unqualified when it lives in `public`, quoted
/// when its name needs quotes, with its modifiers if any.
fn named_type(parts: &TypeParts) -> String {
    let mut out = String::new();
    if let Some(schema) = parts.schema.as_deref().filter(|s| *s != "public" && *s != "pg_catalog") {
        out.push_str(&quote_pg_ident(schema));
        out.push('.');
    }
    out.push_str(&quote_pg_ident(&parts.base));
    if !parts.args.is_empty() {
        out.push('(');
        out.push_str(&parts.args.join(","));
        out.push(')');
    }
    out
}

/// Splits a canonical, possibly qualified PostgreSQL name into its parts, each with
/// whether it was quoted: `app."Mood"` -> `[("app", false), ("Mood", true)]`.
pub fn split_pg_qualified(name: &str) -> Vec<(String, bool)> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut in_quote = false;
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if in_quote && chars.peek() == Some(&'"') => {
                chars.next();
                current.push('"');
            }
            '"' => {
                in_quote = !in_quote;
                quoted = true;
            }
            '.' if !in_quote => parts.push((std::mem::take(&mut current), std::mem::take(&mut quoted))),
            _ => current.push(c),
        }
    }
    parts.push((current, quoted));
    parts
}

/// Quotes a PostgreSQL identifier when it would not survive case folding unquoted, or is
/// a keyword that cannot stand as a name: the rule of PostgreSQL's `quote_identifier`, so
/// that names print as `format_type` and `pg_get_indexdef` print them (`"char"`,
/// `"order"`, `"UserId"`).
pub fn quote_pg_ident(name: &str) -> String {
    let plain = !name.is_empty()
        && name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$')
        && PG_QUOTED_KEYWORDS.binary_search(&name).is_err();
    if plain { name.to_owned() } else { format!("\"{}\"", name.replace('"', "\"\"")) }
}

/// PostgreSQL 15's keywords that are not unreserved (reserved, column-name and
/// type-or-function-name keywords; `SELECT word FROM pg_get_keywords() WHERE catcode <>
/// 'U'`), sorted: as names they must be quoted.
#[rustfmt::skip]
const PG_QUOTED_KEYWORDS: &[&str] = &[
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between",
    "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce",
    "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog",
    "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user",
    "dec", "decimal", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists",
    "extract", "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant", "greatest",
    "group", "grouping", "having", "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect",
    "interval", "into", "is", "isnull", "join", "lateral", "leading", "least", "left", "like", "limit",
    "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not", "notnull",
    "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay",
    "placing", "position", "precision", "primary", "real", "references", "returning", "right", "row", "select",
    "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric", "table", "tablesample",
    "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using",
    "values", "varchar", "variadic", "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat",
    "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize",
    "xmltable",
];

fn mysql_type(parts: &TypeParts) -> SqlType {
    let int = |bytes| TypeFamily::Integer { bytes, unsigned: parts.unsigned };
    let unsigned = if parts.unsigned { " unsigned" } else { "" };
    let precision = num_arg(parts, 0);
    let (canonical, family) = match parts.base.as_str() {
        "tinyint" if precision == Some(1) => (format!("tinyint(1){unsigned}"), TypeFamily::Boolean),
        "bool" | "boolean" => ("tinyint(1)".into(), TypeFamily::Boolean),
        // MySQL 8.0.19 and later no longer report integer display widths.
        "tinyint" => (format!("tinyint{unsigned}"), int(1)),
        "smallint" => (format!("smallint{unsigned}"), int(2)),
        "mediumint" => (format!("mediumint{unsigned}"), int(3)),
        "int" | "integer" => (format!("int{unsigned}"), int(4)),
        "bigint" => (format!("bigint{unsigned}"), int(8)),
        "serial" => ("bigint unsigned".into(), TypeFamily::Integer { bytes: 8, unsigned: true }),
        "decimal" | "numeric" | "dec" | "fixed" => {
            let p = precision.unwrap_or(10);
            let s = num_arg(parts, 1).unwrap_or(0);
            (format!("decimal({p},{s}){unsigned}"), TypeFamily::Numeric { precision: Some(p), scale: Some(s) })
        }
        "float" => ("float".into(), TypeFamily::Float { bytes: 4 }),
        "double" | "double precision" | "real" => ("double".into(), TypeFamily::Float { bytes: 8 }),
        "varchar" | "character varying" => {
            (format!("varchar({})", precision.unwrap_or(255)), TypeFamily::VarChar { len: precision.or(Some(255)) })
        }
        "char" | "character" => {
            let n = precision.unwrap_or(1);
            (format!("char({n})"), TypeFamily::Char { len: Some(n) })
        }
        t @ ("text" | "tinytext" | "mediumtext" | "longtext") => (t.into(), TypeFamily::Text),
        t @ ("blob" | "tinyblob" | "mediumblob" | "longblob") => (t.into(), TypeFamily::Binary),
        "binary" => (format!("binary({})", precision.unwrap_or(1)), TypeFamily::Binary),
        "varbinary" => (format!("varbinary({})", precision.unwrap_or(255)), TypeFamily::Binary),
        "datetime" => (fractional("datetime", precision), TypeFamily::Timestamp { tz: false }),
        "timestamp" => (fractional("timestamp", precision), TypeFamily::Timestamp { tz: true }),
        "time" => (fractional("time", precision), TypeFamily::Time { tz: false }),
        "date" => ("date".into(), TypeFamily::Date),
        "year" => ("year".into(), TypeFamily::Integer { bytes: 1, unsigned: true }),
        "json" => ("json".into(), TypeFamily::Json),
        "enum" => {
            let labels = parts.args.iter().map(|a| unquote_sql_string(a)).collect::<Vec<_>>();
            let spelled = labels.iter().map(|l| format!("'{}'", l.replace('\'', "''"))).collect::<Vec<_>>();
            (format!("enum({})", spelled.join(",")), TypeFamily::InlineEnum(labels))
        }
        "set" => (format!("set({})", parts.args.join(",")), TypeFamily::Named("set".into())),
        other => {
            let args = if parts.args.is_empty() { String::new() } else { format!("({})", parts.args.join(",")) };
            (format!("{other}{args}"), TypeFamily::Named(other.into()))
        }
    };
    SqlType { canonical, family }
}

fn fractional(name: &str, precision: Option<u32>) -> String {
    match precision {
        Some(p) if p > 0 => format!("{name}({p})"),
        _ => name.to_owned(),
    }
}

/// SQLite keeps the declared type text; the family follows its type-affinity rules.
fn sqlite_type(text: &str) -> SqlType {
    let canonical = text.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase();
    let upper = canonical.to_ascii_uppercase();
    let family = if upper.contains("INT") {
        TypeFamily::Integer { bytes: 8, unsigned: false }
    } else if upper.contains("CHAR") || upper.contains("CLOB") || upper.contains("TEXT") {
        TypeFamily::Text
    } else if upper.contains("BLOB") || upper.is_empty() {
        TypeFamily::Binary
    } else if upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB") {
        TypeFamily::Float { bytes: 8 }
    } else if upper.starts_with("BOOL") {
        TypeFamily::Boolean
    } else {
        TypeFamily::Numeric { precision: None, scale: None }
    };
    SqlType { canonical, family }
}

/// `'it''s'` -> `it's`; text that is not a quoted literal is returned trimmed.
pub fn unquote_sql_string(s: &str) -> String {
    let t = s.trim();
    if t.len() >= 2 && t.starts_with('\'') && t.ends_with('\'') {
        t[1..t.len() - 1].replace("''", "'")
    } else {
        t.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pg(text: &str) -> String {
        SqlType::parse(text, Dialect::Postgres).canonical
    }

    #[test]
    fn postgres_spellings_match_format_type() {
        assert_eq!(pg("INT"), "integer");
        assert_eq!(pg("int8"), "bigint");
        assert_eq!(pg("VARCHAR(200)"), "character varying(200)");
        assert_eq!(pg("character varying"), "character varying");
        assert_eq!(pg("timestamptz"), "timestamp with time zone");
        assert_eq!(pg("TIMESTAMP(3) WITH TIME ZONE"), "timestamp(3) with time zone");
        assert_eq!(pg("timestamp"), "timestamp without time zone");
        assert_eq!(pg("numeric(12, 2)"), "numeric(12,2)");
        assert_eq!(pg("decimal(5)"), "numeric(5,0)");
        assert_eq!(pg("float"), "double precision");
        assert_eq!(pg("float(10)"), "real");
        assert_eq!(pg("char"), "character(1)");
        assert_eq!(pg("int[]"), "integer[]");
        assert_eq!(pg("text[][]"), "text[]");
        assert_eq!(pg("integer ARRAY"), "integer[]");
        assert_eq!(pg("varchar(20)[]"), "character varying(20)[]");
        assert_eq!(pg("Mood"), "mood");
        assert_eq!(pg("\"Mood\""), "\"Mood\"");
        assert_eq!(pg("public.mood"), "mood");
        assert_eq!(pg("app.mood"), "app.mood");
        assert_eq!(pg("double  precision"), "double precision");
    }

    #[test]
    fn serial_stands_for_an_integer() {
        assert_eq!(SqlType::serial_base("BIGSERIAL", Dialect::Postgres).unwrap().canonical, "bigint");
        assert!(SqlType::serial_base("bigint", Dialect::Postgres).is_none());
        assert!(SqlType::serial_base("serial", Dialect::MySql).is_none());
    }

    #[test]
    fn mysql_spellings() {
        let my = |t| SqlType::parse(t, Dialect::MySql).canonical;
        assert_eq!(my("INT(11)"), "int");
        assert_eq!(my("int unsigned"), "int unsigned");
        assert_eq!(my("BOOLEAN"), "tinyint(1)");
        assert_eq!(my("VARCHAR(191)"), "varchar(191)");
        assert_eq!(my("DECIMAL(10, 2)"), "decimal(10,2)");
        assert_eq!(my("enum('a', 'b')"), "enum('a','b')");
        assert_eq!(my("datetime(3)"), "datetime(3)");
    }

    #[test]
    fn families_compare_across_spellings() {
        assert_eq!(
            SqlType::parse("int4", Dialect::Postgres).family,
            SqlType::parse("INTEGER", Dialect::Postgres).family
        );
        assert_eq!(
            SqlType::parse("varchar(10)", Dialect::Postgres).without_modifiers(Dialect::Postgres),
            "character varying"
        );
    }

    // Read from PostgreSQL 15: a `numeric(10,2)[]` column's default `'{}'` is printed
    // `'{}'::numeric[]`.
    #[test]
    fn array_labels_drop_element_modifiers() {
        let pg = |t| SqlType::parse(t, Dialect::Postgres).without_modifiers(Dialect::Postgres);
        assert_eq!(pg("numeric(10,2)[]"), "numeric[]");
        assert_eq!(pg("varchar(20)[]"), "character varying[]");
        assert_eq!(pg("text[]"), "text[]");
    }

    // Read from PostgreSQL 15's format_type.
    #[test]
    fn interval_fields() {
        let pg = |t| SqlType::parse(t, Dialect::Postgres).canonical;
        assert_eq!(pg("INTERVAL DAY TO SECOND(2)"), "interval day to second(2)");
        assert_eq!(pg("interval Minute  To Second"), "interval minute to second");
        assert_eq!(pg("interval(4)"), "interval(4)");
    }

    #[test]
    fn keywords_and_mixed_case_are_quoted() {
        assert!(PG_QUOTED_KEYWORDS.windows(2).all(|w| w[0] < w[1]), "sorted for binary search");
        assert_eq!(quote_pg_ident("order"), "\"order\"");
        assert_eq!(quote_pg_ident("UserId"), "\"UserId\"");
        assert_eq!(quote_pg_ident("name"), "name");
        assert_eq!(quote_pg_ident("tenant_id"), "tenant_id");
    }

    #[test]
    fn quoted_char_is_the_internal_type() {
        let pg = |t| SqlType::parse(t, Dialect::Postgres).canonical;
        assert_eq!(pg("\"char\""), "\"char\"");
        assert_eq!(pg("char"), "character(1)");
    }
}
