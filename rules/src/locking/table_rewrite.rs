//! `table-rewrite`: DDL that makes the database rewrite or copy a table in use.

use sg_model::op::{ConstraintKind, ConstraintKindTag, Generated};
use sg_model::{Dialect, Finding, Ident, OpKind, SqlType, TypeFamily};

use crate::support::{column_object, table_object};
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration rewrites or copies an existing table while locking it.
    ///
    /// ## What it does
    /// Reports DDL on a table an earlier migration created that makes the database rewrite
    /// every row (Atlas PG301, squawk's `changing-column-type`, strong_migrations' type
    /// change and stored generated column checks):
    ///
    /// - PostgreSQL: `ALTER COLUMN ... TYPE` unless the new type is binary coercible from the
    ///   old one: `varchar(n)` to a longer `varchar` or to `text`, `text` to unbounded
    ///   `varchar`, `numeric(p,s)` to a larger precision with the same scale or to unbounded
    ///   `numeric`, a longer `timestamp`/`time`/`interval` precision, `cidr` to `inet`, and
    ///   `text` or `varchar` to `citext` do not rewrite. A `USING` expression other than the
    ///   column itself always rewrites.
    /// - PostgreSQL and MySQL: `ADD COLUMN ... GENERATED ALWAYS AS (...) STORED`.
    /// - MySQL: `MODIFY` / `CHANGE` that changes a column's type (copy algorithm), except
    ///   lengthening a `varchar` within the same length-prefix size; `ADD FOREIGN KEY` while
    ///   `foreign_key_checks` is on; `DROP PRIMARY KEY` without a new one. ENUM and SET
    ///   changes are `enum-change-copies-table`'s.
    ///
    /// Tables created in the same migration are not reported. Volatile defaults, which also
    /// rewrite, are `volatile-default`'s.
    ///
    /// ## Why is this bad?
    /// The rewrite holds an ACCESS EXCLUSIVE lock (MySQL: blocks writes) for as long as it
    /// takes to copy every row and rebuild every index: minutes to hours on a large table,
    /// during which the application cannot use it. It also needs disk for a second copy.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (id integer PRIMARY KEY, quantity integer NOT NULL);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_widen.up.sql
    /// ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;
    /// ```
    ///
    /// ### Valid
    /// Lengthening a `varchar` is binary coercible and does not rewrite:
    ///
    /// ```sql,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (id integer PRIMARY KEY, reference varchar(20) NOT NULL);
    /// ```
    /// ```sql,file=migrations/000002_widen.up.sql
    /// ALTER TABLE orders ALTER COLUMN reference TYPE varchar(64);
    /// ```
    ///
    /// ### Valid
    /// A type change on a table the same migration creates:
    ///
    /// ```sql
    /// CREATE TABLE orders (id integer PRIMARY KEY, quantity integer NOT NULL);
    /// ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;
    /// ```
    ///
    /// ## Fix
    /// Add a new column of the new type, keep it in sync with a trigger (or with the
    /// application) while you backfill it in batches, switch reads and writes to it, and
    /// drop the old column later. On MySQL, an online schema change tool (gh-ost,
    /// pt-online-schema-change) does the same.
    pub struct TableRewrite {
        name: "table-rewrite",
        category: Locking,
        severity: Warning,
    }
}

impl Rule for TableRewrite {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        match cx.dialect() {
            Dialect::Postgres => postgres(cx, out),
            Dialect::MySql => mysql(cx, out),
            Dialect::Sqlite => {}
        }
        stored_generated_column(cx, out);
    }
}

fn postgres(cx: &OpContext<'_>, out: &mut Vec<Finding>) {
    let OpKind::AlterColumnType { table, column, ty, using } = &cx.op.kind else { return };
    if cx.table_before_migration(table).is_none() {
        return;
    }
    let Some(current) = cx.column_before_op(table, column) else { return };
    if !pg_rewrites(&current.ty, &ty.ty, using.as_deref(), column) {
        return;
    }
    let qn = cx.resolve(table);
    let t = cx.show(&qn);
    let utc = if matches!(
        (&current.ty.family, &ty.ty.family),
        (TypeFamily::Timestamp { tz: false }, TypeFamily::Timestamp { tz: true })
    ) {
        " (PostgreSQL 12 and later skip the rewrite only when the session's TimeZone is UTC)"
    } else {
        ""
    };
    out.push(
        Finding::new(
            TableRewrite::META.name,
            cx.op.span,
            format!(
                "Changing `{t}.{column}` from `{}` to `{}` rewrites `{t}` and rebuilds its indexes under an ACCESS EXCLUSIVE lock, blocking every read and write of `{t}` until it finishes{utc}",
                current.ty, ty.ty
            ),
        )
        .with_help(new_column_help(&t, column, &ty.ty))
        .with_object(column_object(&qn, column)),
    );
}

fn new_column_help(t: &str, column: &Ident, ty: &SqlType) -> String {
    format!(
        "add `{column}_new {ty}`, keep it in sync with a trigger while you backfill it in batches, switch the application to it, then drop `{t}.{column}` in a later migration"
    )
}

/// Whether PostgreSQL must rewrite the table to change a column from `old` to `new`
/// (`ATColumnChangeRequiresRewrite`: anything but a relabel or a no-op length coercion).
fn pg_rewrites(old: &SqlType, new: &SqlType, using: Option<&str>, column: &Ident) -> bool {
    if let Some(using) = using {
        let squeezed: String =
            using.chars().filter(|c| !c.is_whitespace() && *c != '"').collect::<String>().to_ascii_lowercase();
        let col = column.as_str().to_ascii_lowercase();
        if squeezed != col && !squeezed.starts_with(&format!("{col}::")) {
            return true;
        }
    }
    if old.canonical == new.canonical {
        return false;
    }
    use TypeFamily as F;
    match (&old.family, &new.family) {
        (F::VarChar { len: a }, F::VarChar { len: b }) => match (a, b) {
            (_, None) => false,
            (Some(a), Some(b)) => b < a,
            (None, Some(_)) => true,
        },
        (F::VarChar { .. }, F::Text) => false,
        (F::Text, F::VarChar { len: None }) => false,
        (F::Numeric { precision: p1, scale: s1 }, F::Numeric { precision: p2, scale: s2 }) => match (p1, p2) {
            (_, None) => false,
            (Some(p1), Some(p2)) => !(s1 == s2 && p2 >= p1),
            (None, Some(_)) => true,
        },
        (F::Timestamp { tz: a }, F::Timestamp { tz: b }) | (F::Time { tz: a }, F::Time { tz: b }) if a == b => {
            precision_shrinks(old, new)
        }
        (F::Interval, F::Interval) => precision_shrinks(old, new),
        (F::Named(a), F::Named(b)) if a == "cidr" && b == "inet" => false,
        (F::Named(a), F::Named(b)) if a == "bit varying" && b == "bit varying" => precision_shrinks(old, new),
        (F::Text | F::VarChar { .. }, F::Named(b)) if b == "citext" => false,
        _ => true,
    }
}

/// For types with an optional precision (`timestamp(3)`): whether the new one keeps fewer
/// digits, which needs a rewrite; a longer or unbounded precision does not.
fn precision_shrinks(old: &SqlType, new: &SqlType) -> bool {
    let precision = |t: &SqlType| {
        let open = t.canonical.find('(')?;
        let close = t.canonical[open..].find(')')? + open;
        t.canonical[open + 1..close].trim().parse::<u32>().ok()
    };
    match (precision(old), precision(new)) {
        (_, None) => false,
        (Some(a), Some(b)) => b < a,
        (None, Some(_)) => true,
    }
}

fn stored_generated_column(cx: &OpContext<'_>, out: &mut Vec<Finding>) {
    let OpKind::AddColumn { table, column, .. } = &cx.op.kind else { return };
    let Some(Generated::Expression { expr, stored: true }) = &column.generated else { return };
    if cx.dialect() == Dialect::Sqlite || cx.table_before_migration(table).is_none() {
        return;
    }
    let qn = cx.resolve(table);
    let t = cx.show(&qn);
    let c = &column.name;
    let (lock, alternative) = if cx.is_postgres() {
        (
            "under an ACCESS EXCLUSIVE lock, blocking every read and write of",
            "a VIRTUAL generated column (PostgreSQL 18 and later) or a view",
        )
    } else {
        ("with the copy algorithm, blocking writes to", "a VIRTUAL generated column, which MySQL adds in place,")
    };
    out.push(
        Finding::new(
            TableRewrite::META.name,
            column.span,
            format!("Adding the stored generated column `{t}.{c}` computes it for every row and rewrites `{t}` {lock} `{t}` until it finishes"),
        )
        .with_help(format!(
            "compute `{}` with {alternative} instead; or add `{c}` as a plain nullable column, fill it in batches and keep it current with a trigger",
            expr.to_sql()
        ))
        .with_object(column_object(&qn, c)),
    );
}

fn mysql(cx: &OpContext<'_>, out: &mut Vec<Finding>) {
    match &cx.op.kind {
        OpKind::RedefineColumn { table, column, def } => {
            if cx.table_before_migration(table).is_none() {
                return;
            }
            let Some(current) = cx.column_before_op(table, column) else { return };
            if !mysql_copies(&current.ty, &def.ty.ty) {
                return;
            }
            let qn = cx.resolve(table);
            let t = cx.show(&qn);
            out.push(
                Finding::new(
                    TableRewrite::META.name,
                    cx.op.span,
                    format!(
                        "Changing `{t}.{column}` from `{}` to `{}` makes MySQL copy `{t}` (ALGORITHM=COPY), blocking writes to `{t}` until every row is copied",
                        current.ty, def.ty.ty
                    ),
                )
                .with_help(format!(
                    "run the change with an online schema change tool (gh-ost, pt-online-schema-change), or {}",
                    new_column_help(&t, column, &def.ty.ty)
                ))
                .with_object(column_object(&qn, column)),
            );
        }
        OpKind::AddConstraint { table, constraint } => {
            let ConstraintKind::ForeignKey(fk) = &constraint.kind else { return };
            if cx.table_before_migration(table).is_none() || foreign_key_checks_off(cx) {
                return;
            }
            let qn = cx.resolve(table);
            let t = cx.show(&qn);
            let target = cx.show(&cx.resolve(&fk.references));
            out.push(
                Finding::new(
                    TableRewrite::META.name,
                    constraint.span,
                    format!(
                        "Adding a foreign key to `{t}` while `foreign_key_checks` is on makes MySQL copy `{t}` (ALGORITHM=COPY) and check every row against `{target}`, blocking writes to `{t}` until it finishes"
                    ),
                )
                .with_help(
                    "check the rows yourself first, then run `SET foreign_key_checks = 0;` before the `ALTER TABLE` (and `SET foreign_key_checks = 1;` after it) so that MySQL adds the key in place",
                )
                .with_object(format!("{}:fk", table_object(&qn))),
            );
        }
        OpKind::DropConstraintOfKind { table, kind: ConstraintKindTag::PrimaryKey, .. } => {
            if cx.table_before_migration(table).is_none() {
                return;
            }
            // `DROP PRIMARY KEY, ADD PRIMARY KEY (...)` in one statement is rebuilt in place.
            let replaced = cx.later_ops().iter().chain(cx.earlier_ops()).any(|op| {
                op.span == cx.op.span
                    && matches!(&op.kind, OpKind::AddConstraint { constraint, .. } if matches!(constraint.kind, ConstraintKind::PrimaryKey { .. }))
            });
            if replaced {
                return;
            }
            let qn = cx.resolve(table);
            let t = cx.show(&qn);
            out.push(
                Finding::new(
                    TableRewrite::META.name,
                    cx.op.span,
                    format!(
                        "Dropping the primary key of `{t}` without adding another in the same statement makes MySQL copy `{t}` (ALGORITHM=COPY), blocking writes until it finishes"
                    ),
                )
                .with_help(format!(
                    "drop and add the primary key in one statement (`ALTER TABLE {t} DROP PRIMARY KEY, ADD PRIMARY KEY (...)`), which MySQL rebuilds in place"
                ))
                .with_object(format!("{}:pk", table_object(&qn))),
            );
        }
        _ => {}
    }
}

/// Whether MySQL changes a column from `old` to `new` with the copy algorithm. Lengthening
/// a varchar is done in place while its length prefix keeps its size (one byte up to 255
/// bytes, two beyond; counted for utf8mb4, four bytes a character).
fn mysql_copies(old: &SqlType, new: &SqlType) -> bool {
    if old.canonical.eq_ignore_ascii_case(&new.canonical) {
        return false;
    }
    let is_set = |t: &SqlType| matches!(&t.family, TypeFamily::Named(n) if n == "set");
    match (&old.family, &new.family) {
        (TypeFamily::InlineEnum(_), TypeFamily::InlineEnum(_)) => false,
        _ if is_set(old) && is_set(new) => false,
        (TypeFamily::VarChar { len: Some(a) }, TypeFamily::VarChar { len: Some(b) }) => {
            let prefix = |chars: u32| if chars * 4 <= 255 { 1 } else { 2 };
            b < a || prefix(*a) != prefix(*b)
        }
        _ => true,
    }
}

/// Whether the migration turned `foreign_key_checks` off before this op.
fn foreign_key_checks_off(cx: &OpContext<'_>) -> bool {
    let mut off = false;
    for op in cx.earlier_ops() {
        if let OpKind::Set { name, value, .. } = &op.kind
            && name.rsplit('.').next().is_some_and(|n| n.eq_ignore_ascii_case("foreign_key_checks"))
        {
            off = matches!(value.to_ascii_lowercase().as_str(), "0" | "off" | "false");
        }
    }
    off
}
