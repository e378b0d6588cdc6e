//! Expressions the model keeps: column defaults, generated columns, checks and index keys.
//!
//! The model does not evaluate SQL; it keeps enough structure to answer the questions rules
//! ask (is this default volatile? does it call `now()`?) and to print a default the way
//! PostgreSQL's `pg_get_expr` prints it, which the PostgreSQL oracle compares:
//!
//! ```text
//! DEFAULT 'x'    on a varchar(10) column  -> 'x'::character varying
//! DEFAULT -1     on an integer column     -> '-1'::integer
//! DEFAULT now()                           -> now()
//! DEFAULT 1.5e3                           -> '1500'::numeric
//! DEFAULT now() + interval '1 day'        -> (now() + '1 day'::interval)
//! DEFAULT nextval('public.s')             -> nextval('s'::regclass)
//! ```

use crate::ident::Dialect;
use crate::types::{SqlType, TypeFamily};

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Expr {
    Null,
    Bool(bool),
    /// A numeric literal as written, without sign (`-1` is `Neg(Number("1"))`).
    Number(String),
    /// A string literal's value, unescaped.
    String(String),
    /// `expr::type`, `CAST(expr AS type)`, or `type 'literal'`.
    Cast {
        expr: Box<Expr>,
        ty: SqlType,
    },
    /// A function call, name lower-cased unless quoted.
    Function {
        name: String,
        args: Vec<Expr>,
    },
    /// A keyword-like value: `CURRENT_TIMESTAMP`, `CURRENT_DATE`, `CURRENT_USER`, with an
    /// optional precision as in `CURRENT_TIMESTAMP(3)`.
    Keyword {
        name: String,
        precision: Option<u32>,
    },
    Neg(Box<Expr>),
    /// `expr AT TIME ZONE zone`.
    AtTimeZone {
        expr: Box<Expr>,
        zone: Box<Expr>,
    },
    /// An arithmetic or `||` operator. `raw` is the SQL as written, printed when the model
    /// cannot tell which operator PostgreSQL would pick (and so which casts it would add).
    BinaryOp {
        op: String,
        left: Box<Expr>,
        right: Box<Expr>,
        raw: String,
    },
    /// `ARRAY[...]`, with the SQL as written for element types the model cannot tell.
    Array {
        elements: Vec<Expr>,
        raw: String,
    },
    /// Anything else, kept as its SQL text; rendered as written.
    Raw(String),
}

/// Functions whose result differs per row: a default that calls one rewrites the table when
/// it is added to an existing table, and is never a "fast default".
const VOLATILE_FUNCTIONS: &[&str] = &[
    "random",
    "gen_random_uuid",
    "uuid_generate_v1",
    "uuid_generate_v1mc",
    "uuid_generate_v4",
    "uuidv4",
    "uuidv7",
    "clock_timestamp",
    "timeofday",
    "nextval",
    "setseed",
    "txid_current",
    "statement_timestamp",
    "uuid",
    "rand",
    "uuid_short",
    "sys_guid",
    "randomblob",
];

impl Expr {
    /// Whether evaluating the expression can give a different value for each row.
    /// Unknown SQL (`Raw`) counts as volatile: the rule that asks prefers a false warning to a
    /// missed table rewrite, and says in its message that it could not tell.
    pub fn is_volatile(&self) -> bool {
        match self {
            Expr::Null | Expr::Bool(_) | Expr::Number(_) | Expr::String(_) | Expr::Keyword { .. } => false,
            Expr::Cast { expr, .. } | Expr::Neg(expr) => expr.is_volatile(),
            Expr::Function { name, args } => {
                let bare = name.rsplit('.').next().unwrap_or(name);
                VOLATILE_FUNCTIONS.contains(&bare) || args.iter().any(Expr::is_volatile)
            }
            Expr::AtTimeZone { expr, zone } => expr.is_volatile() || zone.is_volatile(),
            Expr::BinaryOp { left, right, .. } => left.is_volatile() || right.is_volatile(),
            Expr::Array { elements, .. } => elements.iter().any(Expr::is_volatile),
            Expr::Raw(_) => true,
        }
    }

    /// Whether the expression is something the model understood, rather than raw text.
    pub fn is_understood(&self) -> bool {
        match self {
            Expr::Raw(_) => false,
            Expr::Cast { expr, .. } | Expr::Neg(expr) => expr.is_understood(),
            Expr::Function { args, .. } => args.iter().all(Expr::is_understood),
            Expr::AtTimeZone { expr, zone } => expr.is_understood() && zone.is_understood(),
            Expr::BinaryOp { left, right, .. } => left.is_understood() && right.is_understood(),
            Expr::Array { elements, .. } => elements.iter().all(Expr::is_understood),
            _ => true,
        }
    }

    /// Renders the expression as a column default of type `column_type`, in the dialect's
    /// own canonical form. Returns `None` for a default of NULL, which PostgreSQL does not
    /// store.
    pub fn render_default(&self, column_type: &SqlType, dialect: Dialect) -> Option<String> {
        match dialect {
            Dialect::Postgres => render_pg_default(self, column_type),
            Dialect::MySql | Dialect::Sqlite => match self {
                Expr::Null => None,
                other => Some(other.to_sql()),
            },
        }
    }

    /// Plain SQL text for messages and non-PostgreSQL output.
    pub fn to_sql(&self) -> String {
        match self {
            Expr::Null => "NULL".into(),
            Expr::Bool(b) => if *b { "true" } else { "false" }.into(),
            Expr::Number(n) => n.clone(),
            Expr::String(s) => quote_literal(s),
            Expr::Cast { expr, ty } => format!("{}::{}", expr.to_sql(), ty.canonical),
            Expr::Function { name, args } => {
                format!("{name}({})", args.iter().map(Expr::to_sql).collect::<Vec<_>>().join(", "))
            }
            Expr::Keyword { name, precision: Some(p) } => format!("{name}({p})"),
            Expr::Keyword { name, precision: None } => name.clone(),
            Expr::Neg(e) => format!("-{}", e.to_sql()),
            Expr::AtTimeZone { expr, zone } => format!("{} AT TIME ZONE {}", expr.to_sql(), zone.to_sql()),
            Expr::BinaryOp { raw, .. } | Expr::Array { raw, .. } => raw.clone(),
            Expr::Raw(text) => text.clone(),
        }
    }
}

pub fn quote_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn render_pg_default(expr: &Expr, column_type: &SqlType) -> Option<String> {
    match expr {
        Expr::Null => None,
        // An untyped literal takes the column's type; PostgreSQL labels it with the type
        // without modifiers and prints the value the type's output function gives.
        Expr::String(s) => Some(pg_typed_literal(s, column_type)),
        Expr::Cast { expr: inner, ty } => Some(render_pg_cast(inner, ty)),
        other => Some(render_pg_expr(other)),
    }
}

/// A literal coerced to a type, as `pg_get_expr` prints it.
fn pg_typed_literal(value: &str, ty: &SqlType) -> String {
    match &ty.family {
        TypeFamily::Boolean => match value.trim().to_ascii_lowercase().as_str() {
            "t" | "true" | "y" | "yes" | "on" | "1" => "true".into(),
            "f" | "false" | "n" | "no" | "off" | "0" => "false".into(),
            _ => format!("{}::boolean", quote_literal(value)),
        },
        TypeFamily::Integer { bytes: 2 | 4, .. } if value.trim().parse::<i64>().is_ok() => {
            let n = value.trim().parse::<i64>().unwrap_or_default();
            // The literal became a constant of the column's own type: non-negative int4
            // constants print bare, everything else with its label.
            if n >= 0 && ty.family == (TypeFamily::Integer { bytes: 4, unsigned: false }) {
                n.to_string()
            } else {
                format!("'{n}'::{}", ty.canonical)
            }
        }
        TypeFamily::Uuid => format!("{}::uuid", quote_literal(&value.to_ascii_lowercase())),
        TypeFamily::Timestamp { tz: false } => {
            format!(
                "{}::{}",
                quote_literal(&normalize_timestamp(value)),
                ty.without_modifiers(crate::Dialect::Postgres)
            )
        }
        TypeFamily::Named(name) if name == "regclass" => format!("{}::regclass", quote_literal(&regclass_out(value))),
        TypeFamily::Array(element) => {
            let label = ty.without_modifiers(crate::Dialect::Postgres);
            let normalize: &dyn Fn(&str) -> Option<String> = match &**element {
                TypeFamily::Text | TypeFamily::VarChar { .. } | TypeFamily::Named(_) => &|e| Some(e.to_owned()),
                TypeFamily::Integer { .. } => &|e| e.trim().parse::<i64>().ok().map(|n| n.to_string()),
                _ => &|_| None,
            };
            let value = crate::literal::array_out(value, normalize).unwrap_or_else(|| value.to_owned());
            format!("{}::{label}", quote_literal(&value))
        }
        TypeFamily::Jsonb => {
            let value = crate::literal::jsonb_out(value).unwrap_or_else(|| value.to_owned());
            format!("{}::jsonb", quote_literal(&value))
        }
        TypeFamily::Time { tz: false } if ty.canonical == "time without time zone" => {
            let value = crate::literal::time_out(value).unwrap_or_else(|| value.to_owned());
            format!("{}::time without time zone", quote_literal(&value))
        }
        // A plain `interval` (no field restriction or precision, which would change the
        // value) prints as `interval_out` does.
        TypeFamily::Interval if ty.canonical == "interval" => {
            let value = crate::literal::interval_out(value).unwrap_or_else(|| value.to_owned());
            format!("{}::interval", quote_literal(&value))
        }
        _ => format!("{}::{}", quote_literal(value), ty.without_modifiers(crate::Dialect::Postgres)),
    }
}

fn render_pg_cast(inner: &Expr, ty: &SqlType) -> String {
    match inner {
        // `'x'::jsonb` is a literal of that type, not a cast expression.
        Expr::String(s) => pg_typed_literal(s, ty),
        // The cast gives an empty array its type; the elements of a non-empty one are
        // cast one by one.
        Expr::Array { elements, .. } if elements.is_empty() => format!("ARRAY[]::{}", ty.canonical),
        Expr::Array { elements, raw } => match &ty.family {
            TypeFamily::Array(_) if elements.iter().all(|e| matches!(e, Expr::String(_))) => {
                let element = ty.canonical.strip_suffix("[]").unwrap_or(&ty.canonical);
                if element.contains('(') {
                    return raw.clone();
                }
                let element = SqlType::parse(element, crate::Dialect::Postgres);
                let items: Vec<String> = elements
                    .iter()
                    .map(|e| match e {
                        Expr::String(s) => pg_typed_literal(s, &element),
                        other => render_pg_expr(other),
                    })
                    .collect();
                format!("ARRAY[{}]", items.join(", "))
            }
            _ => raw.clone(),
        },
        // `0::bigint` is an int4 constant cast to bigint: PostgreSQL keeps the cast and
        // parenthesizes the operand.
        other => format!("({})::{}", render_pg_expr(other), ty.canonical),
    }
}

fn render_pg_expr(expr: &Expr) -> String {
    match expr {
        Expr::Null => "NULL".into(),
        Expr::Bool(b) => if *b { "true" } else { "false" }.into(),
        Expr::Number(n) => render_pg_number(n, false),
        Expr::Neg(inner) => match &**inner {
            Expr::Number(n) => render_pg_number(n, true),
            other => format!("(- {})", render_pg_expr(other)),
        },
        // Inside an expression an untyped literal is resolved by the function it is passed
        // to; the common case is a text parameter.
        Expr::String(s) => format!("{}::text", quote_literal(s)),
        Expr::Cast { expr, ty } => render_pg_cast(expr, ty),
        // nextval has one signature, `nextval(regclass)`, so its untyped argument is a
        // regclass literal.
        Expr::Function { name, args } if name == "nextval" && matches!(args.as_slice(), [Expr::String(_)]) => {
            let arg = args.first().map(|a| render_pg_cast(a, &SqlType::parse("regclass", crate::Dialect::Postgres)));
            format!("nextval({})", arg.unwrap_or_default())
        }
        Expr::Function { name, args } => {
            format!("{name}({})", args.iter().map(render_pg_expr).collect::<Vec<_>>().join(", "))
        }
        Expr::Keyword { name, precision: Some(p) } => format!("{}({p})", name.to_ascii_uppercase()),
        Expr::Keyword { name, precision: None } => name.to_ascii_uppercase(),
        // The zone is a text argument of `timezone()`, which the operator stands for.
        Expr::AtTimeZone { expr, zone } => {
            let zone = match &**zone {
                Expr::String(s) => format!("{}::text", quote_literal(s)),
                other => render_pg_expr(other),
            };
            format!("({} AT TIME ZONE {zone})", render_pg_expr(expr))
        }
        Expr::BinaryOp { op, left, right, raw } => render_pg_binary(op, left, right).unwrap_or_else(|| raw.clone()),
        Expr::Array { elements, raw } => {
            // Untyped literals become text and int4 constants stay int4; mixed or other
            // element types would need the casts PostgreSQL adds to unify them.
            let first = elements.first().and_then(pg_type_of);
            let uniform = matches!(first, Some(PgType::Unknown | PgType::Int4))
                && elements.iter().all(|e| pg_type_of(e) == first);
            if uniform {
                let items: Vec<String> = elements.iter().map(render_pg_expr).collect();
                format!("ARRAY[{}]", items.join(", "))
            } else {
                raw.clone()
            }
        }
        Expr::Raw(text) => text.clone(),
    }
}

/// The types the operator rendering reasons about.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum PgType {
    Int4,
    Int8,
    Numeric,
    Text,
    Date,
    Timestamp,
    Timestamptz,
    Interval,
    /// An untyped string literal, whose type the operator decides.
    Unknown,
}

/// The type of an expression, when the model can tell it without a catalog.
fn pg_type_of(expr: &Expr) -> Option<PgType> {
    Some(match expr {
        Expr::Number(n) => number_type(n),
        Expr::Neg(inner) => match &**inner {
            Expr::Number(n) => number_type(n),
            _ => return None,
        },
        Expr::String(_) => PgType::Unknown,
        Expr::Cast { ty, .. } => match &ty.family {
            TypeFamily::Integer { bytes: 4, .. } => PgType::Int4,
            TypeFamily::Integer { bytes: 8, .. } => PgType::Int8,
            TypeFamily::Numeric { .. } => PgType::Numeric,
            TypeFamily::Text => PgType::Text,
            TypeFamily::Date => PgType::Date,
            TypeFamily::Timestamp { tz: false } => PgType::Timestamp,
            TypeFamily::Timestamp { tz: true } => PgType::Timestamptz,
            TypeFamily::Interval => PgType::Interval,
            _ => return None,
        },
        Expr::Function { name, .. } => match name.as_str() {
            "now" | "statement_timestamp" | "transaction_timestamp" | "clock_timestamp" => PgType::Timestamptz,
            _ => return None,
        },
        Expr::Keyword { name, .. } => match name.to_ascii_lowercase().as_str() {
            "current_timestamp" => PgType::Timestamptz,
            "localtimestamp" => PgType::Timestamp,
            "current_date" => PgType::Date,
            _ => return None,
        },
        Expr::AtTimeZone { expr, .. } => match pg_type_of(expr)? {
            PgType::Timestamptz => PgType::Timestamp,
            PgType::Timestamp => PgType::Timestamptz,
            _ => return None,
        },
        Expr::BinaryOp { op, left, right, .. } => binary_result(op, pg_type_of(left)?, pg_type_of(right)?)?.0,
        _ => return None,
    })
}

fn number_type(text: &str) -> PgType {
    match text.parse::<i64>() {
        Ok(v) if i32::try_from(v).is_ok() => PgType::Int4,
        Ok(_) => PgType::Int8,
        Err(_) => PgType::Numeric,
    }
}

/// The operators whose resolution needs no implicit cast of a typed operand, with their
/// result type and the type an untyped literal operand takes.
fn binary_result(op: &str, left: PgType, right: PgType) -> Option<(PgType, Option<PgType>)> {
    use PgType::*;
    let datetime = |t| matches!(t, Date | Timestamp | Timestamptz);
    Some(match (op, left, right) {
        ("+" | "-" | "*" | "/", Int4, Int4) => (Int4, None),
        ("+" | "-" | "*" | "/", Int4 | Int8, Int4 | Int8) => (Int8, None),
        ("+" | "-" | "*" | "/", Numeric, Numeric) => (Numeric, None),
        ("+" | "-", Date, Int4) => (Date, None),
        ("+" | "-", t, Interval | Unknown) if datetime(t) => {
            (if t == Timestamptz { Timestamptz } else { Timestamp }, Some(Interval))
        }
        ("||", Text | Unknown, Text | Unknown) => (Text, Some(Text)),
        _ => return None,
    })
}

/// An operator as `pg_get_expr` prints it: parenthesized, untyped literals labelled with the
/// type the operator gave them. `None` when the operator or its operand types are ones the
/// model does not resolve.
fn render_pg_binary(op: &str, left: &Expr, right: &Expr) -> Option<String> {
    let (_, literal) = binary_result(op, pg_type_of(left)?, pg_type_of(right)?)?;
    let operand = |e: &Expr| match (e, literal) {
        (Expr::String(s), Some(PgType::Interval)) => {
            Some(pg_typed_literal(s, &SqlType::parse("interval", crate::Dialect::Postgres)))
        }
        (Expr::String(s), Some(PgType::Text)) => Some(format!("{}::text", quote_literal(s))),
        (Expr::String(_), _) => None,
        (other, _) => Some(render_pg_expr(other)),
    };
    Some(format!("({} {op} {})", operand(left)?, operand(right)?))
}

/// A `regclass` literal as PostgreSQL prints it: folded, quoted where needed, and without
/// the `public.` schema that the default search path makes implicit.
fn regclass_out(value: &str) -> String {
    let parts = crate::types::split_pg_qualified(value.trim());
    let names: Vec<String> =
        parts.into_iter().map(|(text, quoted)| if quoted { text } else { text.to_ascii_lowercase() }).collect();
    let names: &[String] = match names.as_slice() {
        [schema, rest @ ..] if schema == "public" && !rest.is_empty() => rest,
        all => all,
    };
    names.iter().map(|n| crate::types::quote_pg_ident(n)).collect::<Vec<_>>().join(".")
}

/// A numeric constant: int4 values print bare when non-negative; int8 values and negative
/// numbers carry a label; numeric values print bare only when they look like a decimal.
fn render_pg_number(text: &str, negative: bool) -> String {
    let sign = if negative { "-" } else { "" };
    if let Ok(n) = text.parse::<i64>() {
        let n = if negative { -n } else { n };
        if i32::try_from(n).is_ok() {
            return if n >= 0 { n.to_string() } else { format!("'{n}'::integer") };
        }
        return format!("'{n}'::bigint");
    }
    let value = normalize_numeric(text);
    let looks_decimal = value.contains(['.', 'e', 'E']);
    if !negative && looks_decimal && value.starts_with(|c: char| c.is_ascii_digit()) {
        value
    } else {
        format!("'{sign}{value}'::numeric")
    }
}

/// Numeric output: `1.5e3` -> `1500`, `1.5e-3` -> `0.0015`, `0.50` -> `0.50`.
pub(crate) fn normalize_numeric(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let Some((mantissa, exp)) = lower.split_once('e') else {
        return if text.starts_with('.') { format!("0{text}") } else { text.to_owned() };
    };
    let Ok(exp) = exp.parse::<i32>() else {
        return text.to_owned();
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int_part}{frac_part}");
    // Position of the decimal point within `digits` after shifting by the exponent.
    let point = int_part.len() as i32 + exp;
    let scale = (frac_part.len() as i32 - exp).max(0) as usize;
    let mut out = if point <= 0 {
        format!("0.{}{}", "0".repeat((-point) as usize), digits)
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
    };
    // Trim to the scale PostgreSQL computes, then drop leading zeros of the integer part.
    if let Some(dot) = out.find('.') {
        let keep = dot + 1 + scale;
        if scale == 0 {
            out.truncate(dot);
        } else if out.len() > keep {
            out.truncate(keep);
        } else {
            let pad = keep - out.len();
            out.push_str(&"0".repeat(pad));
        }
    }
    let trimmed = out.trim_start_matches('0');
    if trimmed.is_empty() || trimmed.starts_with('.') { format!("0{trimmed}") } else { trimmed.to_owned() }
}

/// Timestamp output for the ISO forms migrations use: a bare date gains midnight.
fn normalize_timestamp(value: &str) -> String {
    let v = value.trim();
    let is_date = v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-';
    if is_date { format!("{v} 00:00:00") } else { v.replace('T', " ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(t: &str) -> SqlType {
        SqlType::parse(t, Dialect::Postgres)
    }

    fn pg(expr: Expr, t: &str) -> Option<String> {
        expr.render_default(&ty(t), Dialect::Postgres)
    }

    // Expected values were read from PostgreSQL 15's pg_attrdef via pg_get_expr.
    #[test]
    fn defaults_render_as_pg_get_expr() {
        assert_eq!(pg(Expr::Number("0".into()), "integer").as_deref(), Some("0"));
        assert_eq!(pg(Expr::Neg(Box::new(Expr::Number("1".into()))), "integer").as_deref(), Some("'-1'::integer"));
        assert_eq!(pg(Expr::String("x".into()), "text").as_deref(), Some("'x'::text"));
        assert_eq!(pg(Expr::String("y".into()), "varchar(10)").as_deref(), Some("'y'::character varying"));
        assert_eq!(pg(Expr::String("ab".into()), "char(3)").as_deref(), Some("'ab'::bpchar"));
        assert_eq!(pg(Expr::String("it's".into()), "text").as_deref(), Some("'it''s'::text"));
        assert_eq!(pg(Expr::Number("0.5".into()), "numeric(10,2)").as_deref(), Some("0.5"));
        assert_eq!(pg(Expr::Number("1.5e3".into()), "float").as_deref(), Some("'1500'::numeric"));
        assert_eq!(pg(Expr::Number("1.5e-3".into()), "numeric(5,1)").as_deref(), Some("0.0015"));
        assert_eq!(pg(Expr::Neg(Box::new(Expr::Number("1.5".into()))), "float").as_deref(), Some("'-1.5'::numeric"));
        assert_eq!(pg(Expr::Number("3000000000".into()), "bigint").as_deref(), Some("'3000000000'::bigint"));
        assert_eq!(pg(Expr::Number("1".into()), "bigint").as_deref(), Some("1"));
        assert_eq!(pg(Expr::String("true".into()), "boolean").as_deref(), Some("true"));
        assert_eq!(pg(Expr::String("5".into()), "integer").as_deref(), Some("5"));
        assert_eq!(
            pg(Expr::String("2020-01-01".into()), "timestamp").as_deref(),
            Some("'2020-01-01 00:00:00'::timestamp without time zone")
        );
        assert_eq!(pg(Expr::String("{\"a\":1}".into()), "jsonb").as_deref(), Some("'{\"a\": 1}'::jsonb"));
        assert_eq!(
            pg(Expr::Cast { expr: Box::new(Expr::String("{}".into())), ty: ty("jsonb") }, "jsonb").as_deref(),
            Some("'{}'::jsonb")
        );
        assert_eq!(
            pg(Expr::Cast { expr: Box::new(Expr::Number("0".into())), ty: ty("bigint") }, "integer").as_deref(),
            Some("(0)::bigint")
        );
        assert_eq!(pg(Expr::Function { name: "now".into(), args: vec![] }, "timestamptz").as_deref(), Some("now()"));
        assert_eq!(
            pg(Expr::Keyword { name: "current_timestamp".into(), precision: None }, "timestamp").as_deref(),
            Some("CURRENT_TIMESTAMP")
        );
        assert_eq!(
            pg(
                Expr::Function {
                    name: "timezone".into(),
                    args: vec![Expr::String("utc".into()), Expr::Function { name: "now".into(), args: vec![] }]
                },
                "timestamp"
            )
            .as_deref(),
            Some("timezone('utc'::text, now())")
        );
        assert_eq!(pg(Expr::Null, "text"), None);
        assert_eq!(
            pg(Expr::String("{\"source\": \"signup\", \"tags\": []}".into()), "jsonb").as_deref(),
            Some("'{\"tags\": [], \"source\": \"signup\"}'::jsonb")
        );
        assert_eq!(pg(Expr::String("30 minutes".into()), "interval").as_deref(), Some("'00:30:00'::interval"));
        assert_eq!(pg(Expr::String("{}".into()), "numeric(10,2)[]").as_deref(), Some("'{}'::numeric[]"));
        assert_eq!(pg(Expr::String("{ a , \"b c\" }".into()), "text[]").as_deref(), Some("'{a,\"b c\"}'::text[]"));
        assert_eq!(pg(Expr::String("{ 01, 2 }".into()), "int[]").as_deref(), Some("'{1,2}'::integer[]"));
    }

    #[test]
    fn volatility() {
        assert!(Expr::Function { name: "gen_random_uuid".into(), args: vec![] }.is_volatile());
        assert!(!Expr::Function { name: "now".into(), args: vec![] }.is_volatile());
        assert!(!Expr::Keyword { name: "CURRENT_TIMESTAMP".into(), precision: None }.is_volatile());
        assert!(Expr::Raw("weird()".into()).is_volatile());
    }
}
