//! `rerun-unsafe-statement`: DDL without IF [NOT] EXISTS in a migration that runs outside a
//! transaction, so that a failed run cannot simply be run again.

use sg_model::{Finding, Op, OpKind};

use super::transaction::{Transaction, transaction_at};
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration that runs outside a transaction has a statement that fails when the migration is re-run.
    ///
    /// ## What it does
    /// Reports, in a PostgreSQL migration that runs outside any transaction (goose
    /// `NO TRANSACTION`, dbmate `transaction:false`, ...), a `CREATE` without `IF NOT EXISTS`
    /// or a `DROP` without `IF EXISTS` that is followed by another statement (squawk's
    /// `prefer-robust-stmts`). A `CREATE INDEX CONCURRENTLY` is reported even alone: a
    /// failed concurrent build leaves an invalid index behind. Migrations that run in a
    /// transaction are not reported; their statements are undone together.
    ///
    /// ## Why is this bad?
    /// Each statement commits on its own. When a later one fails, the earlier ones stay
    /// applied while the tool records the migration as not run, and running it again fails
    /// at the first statement (`relation "..." already exists`) until someone repairs the
    /// database by hand.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=db/migrations/00001_orders.sql
    /// -- +goose Up
    /// CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, status text);
    /// ```
    /// ```sql,expect_diagnostic,file=db/migrations/00002_indexes.sql
    /// -- +goose NO TRANSACTION
    /// -- +goose Up
    /// CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);
    /// CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=db/migrations/00001_orders.sql
    /// -- +goose Up
    /// CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, status text);
    /// ```
    /// ```sql,file=db/migrations/00002_indexes.sql
    /// -- +goose NO TRANSACTION
    /// -- +goose Up
    /// DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;
    /// CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);
    /// DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;
    /// CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
    /// ```
    ///
    /// ## Fix
    /// Guard each statement (`IF NOT EXISTS`, `IF EXISTS`) so the migration can run again
    /// from the start. Precede `CREATE INDEX CONCURRENTLY name` with
    /// `DROP INDEX CONCURRENTLY IF EXISTS name`, which also clears an invalid index left by a
    /// failed build (`IF NOT EXISTS` would keep it). Or keep one statement per migration.
    pub struct RerunUnsafeStatement {
        name: "rerun-unsafe-statement",
        category: Locking,
        severity: Note,
    }
}

/// The statement, its object, and the guard it lacks, for DDL that can carry a guard.
fn unguarded(op: &Op) -> Option<(&'static str, String, &'static str)> {
    const NOT_EXISTS: &str = "IF NOT EXISTS";
    const EXISTS: &str = "IF EXISTS";
    Some(match &op.kind {
        OpKind::CreateTable(ct) if !ct.if_not_exists => ("CREATE TABLE", ct.name.to_string(), NOT_EXISTS),
        OpKind::DropTable { name, if_exists: false, .. } => ("DROP TABLE", name.to_string(), EXISTS),
        OpKind::AddColumn { table, column, if_not_exists: false } => {
            ("ADD COLUMN", format!("{table}.{}", column.name), NOT_EXISTS)
        }
        OpKind::DropColumn { table, column, if_exists: false, .. } => {
            ("DROP COLUMN", format!("{table}.{column}"), EXISTS)
        }
        OpKind::CreateIndex(ci) if !ci.if_not_exists => {
            let name = ci.name.as_ref()?.to_string();
            let what = if ci.concurrently { "CREATE INDEX CONCURRENTLY" } else { "CREATE INDEX" };
            (what, name, NOT_EXISTS)
        }
        OpKind::DropIndex { name, if_exists: false, .. } => ("DROP INDEX", name.to_string(), EXISTS),
        OpKind::DropConstraint { table, name, if_exists: false, .. } => {
            ("DROP CONSTRAINT", format!("{table}.{name}"), EXISTS)
        }
        OpKind::CreateSchema { name, if_not_exists: false } => ("CREATE SCHEMA", name.to_string(), NOT_EXISTS),
        OpKind::DropSchema { name, if_exists: false, .. } => ("DROP SCHEMA", name.to_string(), EXISTS),
        OpKind::CreateSequence { name, if_not_exists: false } => ("CREATE SEQUENCE", name.to_string(), NOT_EXISTS),
        OpKind::DropSequence { name, if_exists: false } => ("DROP SEQUENCE", name.to_string(), EXISTS),
        OpKind::CreateExtension { name, if_not_exists: false } => ("CREATE EXTENSION", name.to_string(), NOT_EXISTS),
        OpKind::DropExtension { name, if_exists: false } => ("DROP EXTENSION", name.to_string(), EXISTS),
        OpKind::DropView { name, if_exists: false, .. } => ("DROP VIEW", name.to_string(), EXISTS),
        OpKind::DropType { name, if_exists: false, .. } => ("DROP TYPE", name.to_string(), EXISTS),
        OpKind::DropFunction { name, if_exists: false } => ("DROP FUNCTION", name.to_string(), EXISTS),
        OpKind::DropTrigger { name, if_exists: false, .. } => ("DROP TRIGGER", name.to_string(), EXISTS),
        OpKind::DropPolicy { name, if_exists: false, .. } => ("DROP POLICY", name.to_string(), EXISTS),
        _ => return None,
    })
}

/// Ops that change nothing a failure would leave half-done.
fn is_inert(op: &Op) -> bool {
    matches!(op.kind, OpKind::NoEffect { .. } | OpKind::Set { .. } | OpKind::Transaction(_))
}

impl Rule for RerunUnsafeStatement {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        if !cx.is_postgres() || cx.op.conditional || transaction_at(cx) != Transaction::None {
            return;
        }
        let Some((statement, object, guard)) = unguarded(cx.op) else { return };
        let concurrent_build = matches!(&cx.op.kind, OpKind::CreateIndex(ci) if ci.concurrently);
        if concurrent_build {
            // `DROP INDEX CONCURRENTLY IF EXISTS name` just before makes the build repeatable.
            let dropped_first = cx.earlier_ops().iter().any(|op| {
                matches!(&op.kind, OpKind::DropIndex { name, if_exists: true, .. } if name.name.to_string() == object)
            });
            if dropped_first {
                return;
            }
        } else if cx.later_ops().iter().all(is_inert) {
            return;
        }
        let (message, help) = if concurrent_build {
            (
                format!(
                    "This migration runs outside a transaction, and a failed `{statement} {object}` leaves an invalid index `{object}` behind: running the migration again fails because it already exists"
                ),
                if cx.stream.layout == sg_model::Layout::GolangMigrate {
                    // A second statement would put the file in one implicit transaction,
                    // where CONCURRENTLY fails.
                    format!(
                        "write `CREATE INDEX CONCURRENTLY IF NOT EXISTS {object}` (golang-migrate runs a file of several statements as one transaction, so a `DROP INDEX CONCURRENTLY IF EXISTS` needs a migration of its own), and after a failed run drop the invalid index before running it again"
                    )
                } else {
                    format!(
                        "precede it with `DROP INDEX CONCURRENTLY IF EXISTS {object};`, which also removes an invalid index left by a failed build"
                    )
                },
            )
        } else {
            (
                format!(
                    "This migration runs outside a transaction, so if a later statement fails, `{statement} {object}` stays applied and running the migration again fails here"
                ),
                format!(
                    "write `{guard}` so the migration can run again from the start, or give the statement a migration of its own"
                ),
            )
        };
        out.push(
            Finding::new(RerunUnsafeStatement::META.name, cx.op.span, message)
                .with_help(help)
                .with_object(format!("migration:{}:{statement}:{object}", cx.migration().label())),
        );
    }
}
