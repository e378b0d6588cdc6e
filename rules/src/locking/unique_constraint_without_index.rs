//! `unique-constraint-without-index`: a UNIQUE or PRIMARY KEY constraint whose index is
//! built, or whose columns are checked for NULLs, under an ACCESS EXCLUSIVE lock.

use sg_model::op::ConstraintKind;
use sg_model::{Finding, Ident, OpKind, QualifiedName, Table};

use crate::support::table_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration adds a UNIQUE or PRIMARY KEY constraint to an existing table without a prebuilt index.
    ///
    /// ## What it does
    /// Reports, on PostgreSQL, on a table an earlier migration created (Atlas PG104, PG105
    /// and PG304, squawk's `disallowed-unique-constraint` and
    /// `adding-serial-primary-key-field`):
    ///
    /// - `ADD UNIQUE` or `ADD PRIMARY KEY` without `USING INDEX`, and `ADD COLUMN` with an
    ///   inline `UNIQUE` or `PRIMARY KEY`: the index is built inside the `ALTER TABLE`;
    /// - `ADD PRIMARY KEY` (even `USING INDEX`) on a column that is still nullable, unless a
    ///   validated `CHECK (col IS NOT NULL)` proves it: PostgreSQL makes the column NOT NULL
    ///   and scans the table to check it.
    ///
    /// Constraints on tables created in the same migration are not reported.
    ///
    /// ## Why is this bad?
    /// `ALTER TABLE` holds an ACCESS EXCLUSIVE lock on the table while it builds the index or
    /// scans for NULLs: every read and write of the table waits, on a large table for
    /// minutes.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_unique_email.up.sql
    /// ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
    /// ```
    ///
    /// ### Valid
    /// The index is built concurrently first, then attached:
    ///
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
    /// ```
    /// ```sql,file=migrations/000002_unique_email_index.up.sql
    /// CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
    /// ```
    /// ```sql,file=migrations/000003_unique_email.up.sql
    /// ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;
    /// ```
    ///
    /// ### Valid
    /// A constraint on a table the same migration creates:
    ///
    /// ```sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
    /// ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
    /// ```
    ///
    /// ## Fix
    /// Build the index with `CREATE UNIQUE INDEX CONCURRENTLY` in a migration that runs
    /// outside a transaction, then attach it with `ALTER TABLE ... ADD CONSTRAINT name
    /// UNIQUE USING INDEX name` (or `PRIMARY KEY USING INDEX`), which takes the lock only for
    /// a moment. For a primary key, make its columns NOT NULL first without a long lock:
    /// `ADD CONSTRAINT ... CHECK (col IS NOT NULL) NOT VALID`, `VALIDATE` it, then
    /// `SET NOT NULL`, which uses the check instead of scanning (PostgreSQL 12 and later).
    pub struct UniqueConstraintWithoutIndex {
        name: "unique-constraint-without-index",
        category: Locking,
        severity: Warning,
    }
}

impl Rule for UniqueConstraintWithoutIndex {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        if !cx.is_postgres() {
            return;
        }
        let (table, constraint, inline_column) = match &cx.op.kind {
            OpKind::AddConstraint { table, constraint } => (table, constraint, None),
            OpKind::AddColumn { table, column, .. } => {
                let Some(c) = column
                    .constraints
                    .iter()
                    .find(|c| matches!(c.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }))
                else {
                    return;
                };
                (table, c, Some(&column.name))
            }
            _ => return,
        };
        let Some(existing) = cx.table_before_migration(table) else { return };
        let qn = cx.resolve(table);
        let t = cx.show(&qn);
        let (primary, columns, using_index) = match &constraint.kind {
            ConstraintKind::PrimaryKey { columns, using_index } => (true, columns, using_index),
            ConstraintKind::Unique { columns, using_index, .. } => (false, columns, using_index),
            _ => return,
        };
        let columns: Vec<Ident> = match (inline_column, using_index) {
            (Some(c), _) => vec![c.clone()],
            (None, Some(index)) => index_columns(cx, &qn, index),
            (None, None) => columns.clone(),
        };
        let cols = columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        let kind = if primary { "PRIMARY KEY" } else { "UNIQUE" };
        let label = if primary { "pkey" } else { "key" };
        let name = match &constraint.name {
            Some(n) => n.to_string(),
            None if primary => format!("{}_pkey", qn.name),
            None => format!("{}_{}_{label}", qn.name, columns.iter().map(Ident::as_str).collect::<Vec<_>>().join("_")),
        };
        // Columns a primary key would make NOT NULL with a scan: nullable before this op
        // (a column added by this very op has no rows to check) and not proven by a check.
        let nullable: Vec<&Ident> = if primary && inline_column.is_none() {
            columns
                .iter()
                .filter(|c| existing.column(c).is_some_and(|col| col.nullable) && !proven_not_null(existing, c))
                .collect()
        } else {
            Vec::new()
        };
        let object = format!("{}:{}:{name}", table_object(&qn), if primary { "pk" } else { "unique" });
        if using_index.is_none() {
            let help = match inline_column {
                Some(c) => format!(
                    "add `{c}` without {kind}, build the index with `CREATE UNIQUE INDEX CONCURRENTLY {name} ON {t} ({c})` in a migration that runs outside a transaction, then `ALTER TABLE {t} ADD CONSTRAINT {name} {kind} USING INDEX {name}`"
                ),
                None => format!(
                    "build the index first with `CREATE UNIQUE INDEX CONCURRENTLY {name} ON {t} ({cols})` in a migration that runs outside a transaction, then attach it with `ALTER TABLE {t} ADD CONSTRAINT {name} {kind} USING INDEX {name}`"
                ),
            };
            let nulls = if nullable.is_empty() {
                String::new()
            } else {
                format!(", and scans it to make {} NOT NULL", show_columns(&nullable))
            };
            out.push(
                Finding::new(
                    UniqueConstraintWithoutIndex::META.name,
                    constraint.span,
                    format!(
                        "Adding a {kind} constraint to `{t}` builds its index under an ACCESS EXCLUSIVE lock{nulls}, blocking every read and write of `{t}` until it finishes"
                    ),
                )
                .with_help(help)
                .with_object(object),
            );
        } else if !nullable.is_empty() {
            let first = nullable[0];
            out.push(
                Finding::new(
                    UniqueConstraintWithoutIndex::META.name,
                    constraint.span,
                    format!(
                        "Adding a PRIMARY KEY to `{t}` makes {} NOT NULL, which scans `{t}` under an ACCESS EXCLUSIVE lock, blocking every read and write until it finishes",
                        show_columns(&nullable)
                    ),
                )
                .with_help(format!(
                    "make the columns NOT NULL first: `ALTER TABLE {t} ADD CONSTRAINT {t}_{first}_not_null CHECK ({first} IS NOT NULL) NOT VALID`, `VALIDATE CONSTRAINT` it in a later migration, then `SET NOT NULL`, which uses the check instead of a scan"
                ))
                .with_object(object),
            );
        }
    }
}

/// The key columns of the index `index`, which `USING INDEX` turns into a constraint.
fn index_columns(cx: &OpContext<'_>, table: &QualifiedName, index: &Ident) -> Vec<Ident> {
    let qn = QualifiedName { schema: table.schema.clone(), name: index.clone() };
    cx.before
        .find_index(&qn)
        .and_then(|(t, r)| match r {
            sg_model::schema::IndexRef::Index(i) => t.indexes.get(i),
            _ => None,
        })
        .map(|ix| ix.keys.iter().filter_map(|k| k.column().cloned()).collect())
        .unwrap_or_default()
}

/// Whether a validated `CHECK (col IS NOT NULL)` proves the column holds no NULLs, which
/// PostgreSQL 12 and later use instead of scanning.
fn proven_not_null(table: &Table, column: &Ident) -> bool {
    let wanted = format!("{}isnotnull", column.as_str().to_ascii_lowercase());
    table.checks.iter().any(|c| {
        let squeezed: String = c
            .expr
            .chars()
            .filter(|ch| !ch.is_whitespace() && *ch != '(' && *ch != ')' && *ch != '"')
            .collect::<String>()
            .to_ascii_lowercase();
        !c.not_valid && squeezed == wanted
    })
}

fn show_columns(columns: &[&Ident]) -> String {
    columns.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
}
