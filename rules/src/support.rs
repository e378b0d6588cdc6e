//! Small helpers rules share: resolving names against the replay, and wording.

use sg_model::{Column, Ident, ObjectName, QualifiedName, Table};

use crate::OpContext;

impl OpContext<'_> {
    pub fn resolve(&self, name: &ObjectName) -> QualifiedName {
        name.resolve(self.stream.dialect)
    }

    /// `orders`, or `billing.orders` outside the default schema.
    pub fn show(&self, name: &QualifiedName) -> String {
        name.display(self.stream.dialect)
    }

    /// The table just before this op, if an earlier migration created it: only such
    /// tables can hold rows or be used by deployed code. The test is the table's origin,
    /// not its name, so a table renamed earlier in this migration still counts.
    pub fn table_before_migration(&self, name: &ObjectName) -> Option<&Table> {
        self.table_before_op(name).filter(|t| t.origin.migration < self.migration_index)
    }

    /// The table just before this op.
    pub fn table_before_op(&self, name: &ObjectName) -> Option<&Table> {
        self.before.table(&self.resolve(name))
    }

    /// The column just before this op, if an earlier migration created it (under this
    /// name or another).
    pub fn column_before_migration(&self, table: &ObjectName, column: &Ident) -> Option<&Column> {
        self.column_before_op(table, column).filter(|c| c.origin.migration < self.migration_index)
    }

    /// The column just before this op.
    pub fn column_before_op(&self, table: &ObjectName, column: &Ident) -> Option<&Column> {
        self.table_before_op(table).and_then(|t| t.column(column))
    }

    pub fn is_postgres(&self) -> bool {
        self.stream.dialect == sg_model::Dialect::Postgres
    }
}

/// A stable id for findings about a column.
pub(crate) fn column_object(table: &QualifiedName, column: &Ident) -> String {
    format!("column:{table}.{column}")
}

pub(crate) fn table_object(table: &QualifiedName) -> String {
    format!("table:{table}")
}

/// How a column's type changes, from what deployed code reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TypeChange {
    Same,
    /// Every old value fits and reads the same: `int` to `bigint`, `varchar(20)` to
    /// `varchar(50)` or `text`, `numeric(10,2)` to `numeric(12,2)`.
    Widening,
    /// Some old values may not fit: `bigint` to `int`, `text` to `varchar(20)`.
    Narrowing,
    /// Values change meaning or representation: `int` to `text`, `timestamp` to
    /// `timestamptz`, one enum to another.
    Incompatible,
}

pub(crate) fn type_change(old: &sg_model::SqlType, new: &sg_model::SqlType) -> TypeChange {
    use sg_model::TypeFamily as F;
    if old.canonical == new.canonical {
        return TypeChange::Same;
    }
    let len = |f: &F| match f {
        F::VarChar { len } | F::Char { len } => *len,
        _ => None,
    };
    match (&old.family, &new.family) {
        (F::Integer { bytes: a, .. }, F::Integer { bytes: b, .. }) => {
            if b >= a {
                TypeChange::Widening
            } else {
                TypeChange::Narrowing
            }
        }
        (F::Integer { bytes, .. }, F::Numeric { precision, scale }) => {
            let digits = match bytes {
                1 => 3,
                2 => 5,
                3 => 8,
                4 => 10,
                _ => 19,
            };
            match precision {
                None => TypeChange::Widening,
                Some(p) if p.saturating_sub(scale.unwrap_or(0)) >= digits => TypeChange::Widening,
                Some(_) => TypeChange::Narrowing,
            }
        }
        (F::Numeric { precision: p1, scale: s1 }, F::Numeric { precision: p2, scale: s2 }) => match (p1, p2) {
            (_, None) => TypeChange::Widening,
            (None, Some(_)) => TypeChange::Narrowing,
            (Some(p1), Some(p2)) => {
                let (s1, s2) = (s1.unwrap_or(0), s2.unwrap_or(0));
                if s2 >= s1 && p2 - s2 >= p1 - s1 { TypeChange::Widening } else { TypeChange::Narrowing }
            }
        },
        (F::Float { bytes: a }, F::Float { bytes: b }) => {
            if b >= a {
                TypeChange::Widening
            } else {
                TypeChange::Narrowing
            }
        }
        (a, b) if a.is_text_like() && b.is_text_like() => match (len(a), len(b)) {
            (_, None) => TypeChange::Widening,
            (None, Some(_)) => TypeChange::Narrowing,
            (Some(x), Some(y)) => {
                if y >= x {
                    TypeChange::Widening
                } else {
                    TypeChange::Narrowing
                }
            }
        },
        (F::Json, F::Jsonb) | (F::Jsonb, F::Json) => TypeChange::Widening,
        (F::InlineEnum(a), F::InlineEnum(b)) => {
            if a.iter().all(|v| b.contains(v)) {
                TypeChange::Widening
            } else {
                TypeChange::Narrowing
            }
        }
        _ => TypeChange::Incompatible,
    }
}

/// Tables migration tools create for their own bookkeeping; rules about the application's
/// schema leave them alone.
const TOOL_TABLES: &[&str] = &[
    "schema_migrations",
    "goose_db_version",
    "alembic_version",
    "flyway_schema_history",
    "__diesel_schema_migrations",
    "_sqlx_migrations",
    "refinery_schema_history",
    "seaql_migrations",
    "ar_internal_metadata",
    "gorp_migrations",
];

pub(crate) fn is_tool_table(name: &str) -> bool {
    TOOL_TABLES.contains(&name)
}

/// `passwordHash` and `password_hash` are both `password`, `hash`.
pub(crate) fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            out.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower {
            out.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_lowercase());
    }
    out.extend((!current.is_empty()).then_some(current));
    out
}
