//! SQLAlchemy types to the DDL SQLAlchemy emits for them on each dialect.
//!
//! The extractor does not canonicalize types itself: it produces the type text SQLAlchemy's
//! type compiler would write into `CREATE TABLE` (checked against Alembic's offline SQL, see
//! `tests/alembic_oracle.rs`) and hands it to `TypeRef::parse`, the one place types are
//! canonicalized:
//!
//! ```text
//! sa.String(50)                  postgres: VARCHAR(50)                  mysql: VARCHAR(50)
//! sa.DateTime(timezone=True)     postgres: TIMESTAMP WITH TIME ZONE      mysql: DATETIME
//! sa.Boolean()                   postgres: BOOLEAN                       mysql: BOOL
//! sa.Uuid / postgresql.UUID      postgres: UUID                          mysql: CHAR(32)
//! sa.Enum("a", "b", name="mood") postgres: mood (+ CREATE TYPE)          mysql: ENUM('a','b')
//! postgresql.ARRAY(sa.Integer)   postgres: INTEGER[]
//! ```

use std::collections::BTreeMap;

use sg_grammars::tree_sitter::Node;
use sg_model::Dialect;

use crate::py::{Args, Source, Value, dotted, last_part};

/// A PostgreSQL enum type that `op.create_table` creates before the table, as SQLAlchemy's
/// `Enum` does on table creation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EnumSpec {
    pub(crate) name: String,
    pub(crate) schema: Option<String>,
    /// `None` when the labels come from a Python enum class defined elsewhere.
    pub(crate) values: Option<Vec<String>>,
    /// `postgresql.ENUM(..., create_type=False)` names a type created elsewhere.
    pub(crate) create: bool,
}

/// What a SQLAlchemy type expression means on one dialect.
#[derive(Clone, Debug)]
pub(crate) struct SaType {
    /// The type as SQLAlchemy writes it in DDL.
    pub(crate) ddl: String,
    /// Integer affinity: such a single-column primary key becomes `SERIAL` on PostgreSQL
    /// and `AUTO_INCREMENT` on MySQL when SQLAlchemy picks it as the autoincrement column.
    pub(crate) integer: Option<IntSize>,
    pub(crate) native_enum: Option<EnumSpec>,
    /// Set when the type could not be read; the reason is reported and the column keeps
    /// the Python spelling as an unknown type.
    pub(crate) unknown: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IntSize {
    Small,
    Regular,
    Big,
}

impl SaType {
    fn known(ddl: impl Into<String>) -> SaType {
        SaType { ddl: ddl.into(), integer: None, native_enum: None, unknown: None }
    }

    fn int(ddl: &str, size: IntSize) -> SaType {
        SaType { integer: Some(size), ..SaType::known(ddl) }
    }

    fn unknown(text: &str, reason: String) -> SaType {
        SaType { unknown: Some(reason), ..SaType::known(text) }
    }

    /// The DDL SQLAlchemy's autoincrement column gets instead of the plain integer.
    pub(crate) fn serial_ddl(&self, dialect: Dialect) -> Option<String> {
        let size = self.integer?;
        match dialect {
            Dialect::Postgres => Some(
                match size {
                    IntSize::Small => "SMALLSERIAL",
                    IntSize::Regular => "SERIAL",
                    IntSize::Big => "BIGSERIAL",
                }
                .to_owned(),
            ),
            Dialect::MySql | Dialect::Sqlite => None,
        }
    }
}

/// Reads a type expression: a class (`sa.Integer`), an instance (`sa.String(50)`), or
/// `base.with_variant(other, "postgresql")`.
pub(crate) fn sa_type<'t>(
    src: &Source<'_>,
    node: Node<'t>,
    dialect: Dialect,
    custom: &BTreeMap<String, String>,
    eval: &dyn Fn(Node<'t>) -> Value<'t>,
) -> SaType {
    let text = src.text_of(node);
    let (callee, args) = match node.kind() {
        "call" => {
            let Some(function) = node.child_by_field_name("function") else {
                return SaType::unknown(text, format!("type `{text}` could not be read"));
            };
            // `sa.JSON().with_variant(postgresql.JSONB(), "postgresql")`: the variant for our
            // dialect wins, else the base type.
            if function.kind() == "attribute"
                && function.child_by_field_name("attribute").is_some_and(|a| src.text_of(a) == "with_variant")
            {
                let args = Args::of_call(src, node);
                let for_us = args.positional.get(1).is_some_and(|d| {
                    eval(*d).as_str().is_some_and(|name| dialect_matches(name, dialect))
                        || matches!(eval(*d), Value::Seq(ref names) if names.iter().any(|n| n.as_str().is_some_and(|name| dialect_matches(name, dialect))))
                });
                return match (for_us, args.positional.first(), function.child_by_field_name("object")) {
                    (true, Some(variant), _) => sa_type(src, *variant, dialect, custom, eval),
                    (_, _, Some(base)) => sa_type(src, base, dialect, custom, eval),
                    _ => SaType::unknown(text, format!("type `{text}` could not be read")),
                };
            }
            (function, Some(Args::of_call(src, node)))
        }
        _ => (node, None),
    };
    let Some(name) = dotted(src, callee) else {
        return SaType::unknown(text, format!("type `{text}` is computed at run time"));
    };
    // `[python] types` in schemagraph.toml: the application's own types, by the name the
    // revision uses; a bare class name applies where SQLAlchemy has no type of that name.
    if let Some(sql) = custom.get(&name) {
        return SaType::known(sql.clone());
    }
    let args = args.unwrap_or_default();
    let p = |i: usize, kw: &'static str| -> Value<'t> {
        args.keyword(kw).or_else(|| args.positional.get(i).copied()).map_or(Value::None, eval)
    };
    let num = |v: Value<'_>| match v {
        Value::Number(n) => Some(n),
        _ => None,
    };
    let truthy = |v: Value<'_>| matches!(v, Value::Bool(true));
    let pg = dialect == Dialect::Postgres;
    let my = dialect == Dialect::MySql;
    let with_len = |base: &str, len: Option<String>| match len {
        Some(n) => format!("{base}({n})"),
        None => base.to_owned(),
    };
    let base = last_part(&name);
    let ty = match base {
        "Integer" | "INTEGER" | "INT" => SaType::int("INTEGER", IntSize::Regular),
        "BigInteger" | "BIGINT" => SaType::int("BIGINT", IntSize::Big),
        "SmallInteger" | "SMALLINT" => SaType::int("SMALLINT", IntSize::Small),
        "TINYINT" | "MEDIUMINT" if my => SaType::int(base, IntSize::Small),
        "String" | "VARCHAR" | "Unicode" | "NVARCHAR" => SaType::known(with_len("VARCHAR", num(p(0, "length")))),
        "CHAR" | "NCHAR" => SaType::known(with_len("CHAR", num(p(0, "length")))),
        "Text" | "TEXT" | "UnicodeText" | "CLOB" => SaType::known("TEXT"),
        "TINYTEXT" | "MEDIUMTEXT" | "LONGTEXT" | "TINYBLOB" | "MEDIUMBLOB" | "LONGBLOB" | "YEAR" if my => {
            SaType::known(base)
        }
        "Boolean" | "BOOLEAN" => SaType::known(if my { "BOOL" } else { "BOOLEAN" }),
        "DateTime" | "TIMESTAMP" | "DATETIME" => {
            let tz = truthy(p(0, "timezone"));
            let precision = num(p(usize::MAX, "precision"));
            if pg && base != "DATETIME" {
                let zone = if tz { "WITH TIME ZONE" } else { "WITHOUT TIME ZONE" };
                SaType::known(format!("{} {zone}", with_len("TIMESTAMP", precision)))
            } else if base == "TIMESTAMP" {
                SaType::known(with_len("TIMESTAMP", precision))
            } else {
                SaType::known(with_len("DATETIME", num(p(usize::MAX, "fsp")).or(precision)))
            }
        }
        "Date" | "DATE" => SaType::known("DATE"),
        "Time" | "TIME" => {
            let tz = truthy(p(0, "timezone"));
            let precision = num(p(usize::MAX, "precision"));
            if pg {
                let zone = if tz { "WITH TIME ZONE" } else { "WITHOUT TIME ZONE" };
                SaType::known(format!("{} {zone}", with_len("TIME", precision)))
            } else {
                SaType::known(with_len("TIME", num(p(usize::MAX, "fsp")).or(precision)))
            }
        }
        "Interval" | "INTERVAL" => {
            if pg {
                let fields =
                    p(1, "fields").as_str().map(|f| format!(" {}", f.to_ascii_uppercase())).unwrap_or_default();
                let precision = num(p(0, "precision")).or_else(|| num(p(usize::MAX, "second_precision")));
                let precision = precision.map(|n| format!("({n})")).unwrap_or_default();
                SaType::known(format!("INTERVAL{fields}{precision}"))
            } else {
                // SQLAlchemy stores an interval as a datetime offset from the epoch elsewhere.
                SaType::known("DATETIME")
            }
        }
        "Numeric" | "NUMERIC" | "DECIMAL" => {
            let label = if base == "DECIMAL" { "DECIMAL" } else { "NUMERIC" };
            match (num(p(0, "precision")), num(p(1, "scale"))) {
                (Some(prec), Some(scale)) => SaType::known(format!("{label}({prec}, {scale})")),
                (Some(prec), None) => SaType::known(format!("{label}({prec})")),
                _ => SaType::known(label),
            }
        }
        "Float" | "FLOAT" => SaType::known(with_len("FLOAT", num(p(0, "precision")))),
        "Double" | "DOUBLE" | "DOUBLE_PRECISION" => {
            SaType::known(if pg || base == "DOUBLE_PRECISION" { "DOUBLE PRECISION" } else { "DOUBLE" })
        }
        "REAL" => SaType::known("REAL"),
        "LargeBinary" | "BLOB" | "PickleType" | "BYTEA" | "BINARY" | "VARBINARY" => {
            if pg {
                SaType::known("BYTEA")
            } else if matches!(base, "BINARY" | "VARBINARY") {
                SaType::known(with_len(base, num(p(0, "length"))))
            } else {
                SaType::known("BLOB")
            }
        }
        "JSON" => SaType::known("JSON"),
        "JSONB" if pg => SaType::known("JSONB"),
        "Uuid" | "UUID" => SaType::known(if pg { "UUID" } else { "CHAR(32)" }),
        "ARRAY" if pg => {
            let Some(item) = args.keyword("item_type").or_else(|| args.positional.first().copied()) else {
                return SaType::unknown(text, "`ARRAY` without an item type".to_owned());
            };
            let item = sa_type(src, item, dialect, custom, eval);
            SaType { ddl: format!("{}[]", item.ddl), integer: None, native_enum: None, unknown: item.unknown }
        }
        "Enum" | "ENUM" => return enum_type(src, &args, dialect, eval, base == "ENUM" && pg),
        "BIT" if pg => {
            let varying = truthy(p(1, "varying"));
            let len = num(p(0, "length"));
            SaType::known(with_len(if varying { "BIT VARYING" } else { "BIT" }, len))
        }
        "INET" | "CIDR" | "MACADDR" | "MACADDR8" | "MONEY" | "OID" | "REGCLASS" | "REGCONFIG" | "TSVECTOR"
        | "TSQUERY" | "HSTORE" | "CITEXT" | "INT4RANGE" | "INT8RANGE" | "NUMRANGE" | "DATERANGE" | "TSRANGE"
        | "TSTZRANGE" | "JSONPATH" | "INT4MULTIRANGE" | "INT8MULTIRANGE" | "NUMMULTIRANGE" | "DATEMULTIRANGE"
        | "TSMULTIRANGE" | "TSTZMULTIRANGE"
            if pg =>
        {
            SaType::known(base)
        }
        _ if custom.contains_key(base) => SaType::known(custom[base].clone()),
        _ => {
            return SaType::unknown(
                text,
                format!(
                    "type `{name}` is not a SQLAlchemy type schemagraph knows, so the column's type is unknown (an application type can be given its SQL type in schemagraph.toml's `[python] types`)"
                ),
            );
        }
    };
    // MySQL integer display widths and UNSIGNED.
    if my && ty.integer.is_some() && truthy(p(usize::MAX, "unsigned")) {
        return SaType { ddl: format!("{} UNSIGNED", ty.ddl), ..ty };
    }
    ty
}

fn enum_type<'t>(
    src: &Source<'_>,
    args: &Args<'t>,
    dialect: Dialect,
    eval: &dyn Fn(Node<'t>) -> Value<'t>,
    pg_enum_class: bool,
) -> SaType {
    let kw = |name: &str| args.keyword(name).map(eval);
    let mut values = Some(Vec::new());
    let mut class_name = None;
    // `sa.Enum("A", *MORE_STATES)`: a splatted module constant is expanded in place.
    let mut items: Vec<(Node<'t>, bool)> = args.positional.iter().map(|n| (*n, false)).collect();
    for (at, node) in args.splats.iter().rev() {
        items.insert(*at, (*node, true));
    }
    for (node, splat) in items {
        match (eval(node), splat) {
            (Value::Str(s), false) => {
                if let Some(v) = values.as_mut() {
                    v.push(s.value);
                }
            }
            (Value::Seq(seq), true) if seq.iter().all(|x| x.as_str().is_some()) => {
                if let Some(v) = values.as_mut() {
                    v.extend(seq.iter().filter_map(|x| x.as_str().map(str::to_owned)));
                }
            }
            // `sa.Enum(*labels)` of something not constant.
            (_, true) => values = None,
            // `sa.Enum(Status)`: the labels are the Python enum's member names, defined in
            // application code this extractor does not read.
            _ => {
                values = None;
                class_name = dotted(src, node).map(|n| last_part(&n).to_owned());
            }
        }
    }
    let native = !matches!(kw("native_enum"), Some(Value::Bool(false)));
    let labels_from = if class_name.is_some() {
        "the enum's labels come from a Python class"
    } else {
        "the enum's labels are computed at run time"
    };
    let name = kw("name").and_then(|v| v.as_str().map(str::to_owned)).or_else(|| class_name.map(|c| c.to_lowercase()));
    let length = values.as_ref().map(|v| v.iter().map(|s| s.chars().count()).max().unwrap_or(0));
    let varchar = |len: Option<usize>| match len {
        Some(n) => SaType::known(format!("VARCHAR({n})")),
        None => SaType::unknown("VARCHAR", format!("{labels_from}, so its length is unknown")),
    };
    match dialect {
        Dialect::Postgres if native => {
            let Some(name) = name else {
                return SaType::unknown("enum", "a PostgreSQL enum needs `name=`; SQLAlchemy refuses this one".into());
            };
            let schema = kw("schema").and_then(|v| v.as_str().map(str::to_owned));
            let create = !(pg_enum_class && matches!(kw("create_type"), Some(Value::Bool(false))));
            let ddl = match &schema {
                Some(s) => format!("{}.{}", quote_if_needed(s), quote_if_needed(&name)),
                None => quote_if_needed(&name),
            };
            let unknown = values.is_none().then(|| labels_from.to_owned());
            SaType { ddl, integer: None, native_enum: Some(EnumSpec { name, schema, values, create }), unknown }
        }
        Dialect::MySql if native => match values {
            Some(v) => SaType::known(format!(
                "ENUM({})",
                v.iter().map(|s| format!("'{}'", s.replace('\'', "''"))).collect::<Vec<_>>().join(",")
            )),
            None => SaType::unknown("ENUM", labels_from.into()),
        },
        _ => varchar(match kw("length") {
            Some(Value::Number(n)) => n.parse().ok(),
            _ => length,
        }),
    }
}

/// SQLAlchemy quotes names that are not all lower case (and reserved words); quoting keeps
/// their case.
pub(crate) fn quote_if_needed(name: &str) -> String {
    let plain = name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if plain { name.to_owned() } else { format!("\"{}\"", name.replace('"', "\"\"")) }
}

/// Whether a dialect name SQLAlchemy accepts (`postgresql`, `mysql`, `mariadb`, `sqlite`)
/// is ours.
pub(crate) fn dialect_matches(name: &str, dialect: Dialect) -> bool {
    Dialect::from_name(name.split('+').next().unwrap_or(name)) == Some(dialect)
}
