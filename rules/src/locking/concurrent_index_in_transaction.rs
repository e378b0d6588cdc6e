//! `concurrent-index-in-transaction`: a statement PostgreSQL refuses inside a transaction
//! block, in a migration that runs in one.

use sg_model::op::MaintenanceKind;
use sg_model::{Finding, Layout, Op, OpKind};

use super::transaction::{Transaction, cannot_run_in_transaction, opt_out, tool_name, transaction_at};
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration runs CREATE INDEX CONCURRENTLY (or another statement that refuses a transaction) inside a transaction.
    ///
    /// ## What it does
    /// Reports `CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `REINDEX ...
    /// CONCURRENTLY`, `ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY` and `VACUUM` in a
    /// PostgreSQL migration that runs inside a transaction (Atlas PG103, squawk's
    /// `ban-concurrent-index-creation-in-transaction`). Whether it does is decided by the
    /// migration tool, as it runs them: goose, dbmate, sqlx and diesel wrap each migration
    /// unless it opts out; golang-migrate runs a file with several statements as one
    /// implicit transaction; Flyway runs a migration made only of such statements outside
    /// a transaction and refuses to mix them with others. An explicit `BEGIN` earlier in the
    /// migration counts too. Plain numbered files name no tool and are reported only after
    /// an explicit `BEGIN`.
    ///
    /// ## Why is this bad?
    /// PostgreSQL rejects these statements inside a transaction block
    /// (`CREATE INDEX CONCURRENTLY cannot run inside a transaction block`): the migration
    /// fails in every environment, and a team that then drops `CONCURRENTLY` to make it
    /// pass gets a blocking index build instead.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=db/migrations/00001_orders.sql
    /// -- +goose Up
    /// CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
    /// ```
    /// ```sql,expect_diagnostic,file=db/migrations/00002_index.sql
    /// -- +goose Up
    /// CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=db/migrations/00001_orders.sql
    /// -- +goose Up
    /// CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
    /// ```
    /// ```sql,file=db/migrations/00002_index.sql
    /// -- +goose NO TRANSACTION
    /// -- +goose Up
    /// CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);
    /// ```
    ///
    /// A single statement in a golang-migrate file runs on its own:
    ///
    /// ```sql,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
    /// ```
    /// ```sql,file=migrations/000002_index.up.sql
    /// CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);
    /// ```
    ///
    /// ## Fix
    /// Move the statement into a migration of its own that the tool runs outside a
    /// transaction (`-- +goose NO TRANSACTION`, `-- migrate:up transaction:false`,
    /// `-- no-transaction` for sqlx, `run_in_transaction = false` for diesel, one statement
    /// per golang-migrate file), and remove any explicit `BEGIN` around it.
    pub struct ConcurrentIndexInTransaction {
        name: "concurrent-index-in-transaction",
        category: Locking,
        severity: Error,
    }
}

/// How a statement is named in messages.
fn statement(op: &Op) -> &'static str {
    match &op.kind {
        OpKind::CreateIndex(_) => "CREATE INDEX CONCURRENTLY",
        OpKind::DropIndex { .. } => "DROP INDEX CONCURRENTLY",
        OpKind::Reindex { .. } => "REINDEX CONCURRENTLY",
        OpKind::DetachPartition { .. } => "DETACH PARTITION CONCURRENTLY",
        OpKind::Maintenance { kind: MaintenanceKind::VacuumFull, .. } => "VACUUM FULL",
        _ => "VACUUM",
    }
}

/// What the statement works on, for a finding's object id.
fn target(op: &Op) -> String {
    match &op.kind {
        OpKind::CreateIndex(ci) => match &ci.name {
            Some(n) => n.to_string(),
            None => format!("{}({})", ci.table, ci.keys.iter().map(|k| k.text()).collect::<Vec<_>>().join(",")),
        },
        OpKind::DropIndex { name, .. } => name.to_string(),
        OpKind::Reindex { target, .. } => target.to_string(),
        OpKind::DetachPartition { partition, .. } => partition.to_string(),
        OpKind::Maintenance { table: Some(t), .. } => t.to_string(),
        _ => String::new(),
    }
}

impl Rule for ConcurrentIndexInTransaction {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        if !cx.is_postgres() || !cannot_run_in_transaction(cx.op) {
            return;
        }
        let what = statement(cx.op);
        let layout = cx.stream.layout;
        let mut finding = match transaction_at(cx) {
            Transaction::Begin(begin) => Finding::new(
                ConcurrentIndexInTransaction::META.name,
                cx.op.span,
                format!(
                    "`{what}` cannot run inside a transaction block, and the `BEGIN` before it opened one: the migration fails"
                ),
            )
            .with_related(begin, "the transaction opens here")
            .with_help("remove the `BEGIN` and `COMMIT` around it, and make sure the tool runs the migration outside a transaction"),
            Transaction::Tool => {
                let why = match layout {
                    Layout::GolangMigrate => format!(
                        "golang-migrate sends the {} statements of this file as one query, which PostgreSQL runs as one transaction",
                        cx.migration().up.iter().filter(|op| !matches!(op.kind, OpKind::NoEffect { .. })).count()
                    ),
                    Layout::Flyway => {
                        "this migration mixes it with statements Flyway runs in a transaction, which Flyway refuses unless `mixed` is set"
                            .to_owned()
                    }
                    other => format!("{} runs this migration in a transaction", tool_name(other)),
                };
                Finding::new(
                    ConcurrentIndexInTransaction::META.name,
                    cx.op.span,
                    format!("`{what}` cannot run inside a transaction block, and {why}: the migration fails"),
                )
                .with_help(opt_out(layout))
            }
            Transaction::None | Transaction::Unknown => return,
        };
        finding = finding.with_object(format!("migration:{}:{what}:{}", cx.migration().label(), target(cx.op)));
        out.push(finding);
    }
}
