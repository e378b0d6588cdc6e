//! `nested-transaction`: BEGIN inside a transaction that is already open, or a COMMIT that
//! ends the tool's transaction.

use sg_model::op::TransactionControl;
use sg_model::{Dialect, Finding, Layout, OpKind};

use super::transaction::{Transaction, tool_name, transaction_at};
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration opens a transaction inside one that is already open.
    ///
    /// ## What it does
    /// Reports a `BEGIN` (or `START TRANSACTION`) while a transaction is open: one the
    /// migration opened itself, or the one the migration tool runs it in (goose, dbmate,
    /// sqlx, diesel, Flyway and refinery wrap migrations unless they opt out). It also
    /// reports a `COMMIT` or `ROLLBACK` without a `BEGIN` of its own in a migration the tool
    /// runs in a transaction (squawk's `transaction-nesting`, which has to be told whether
    /// the tool wraps migrations; schemagraph knows it from the tool). golang-migrate's
    /// implicit transaction is not a nesting: a `BEGIN` turns it into a regular one.
    ///
    /// ## Why is this bad?
    /// PostgreSQL ignores the inner `BEGIN` with a warning, and the first `COMMIT` then
    /// commits the tool's transaction: the statements after it run outside any
    /// transaction, and a failure leaves the migration half-applied while the tool believes
    /// it can roll back. SQLite refuses the inner `BEGIN` and the migration fails; MySQL
    /// silently commits the open transaction.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic,file=db/migrations/00001_orders.sql
    /// -- +goose Up
    /// BEGIN;
    /// CREATE TABLE orders (id bigint PRIMARY KEY);
    /// COMMIT;
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=db/migrations/00001_orders.sql
    /// -- +goose Up
    /// CREATE TABLE orders (id bigint PRIMARY KEY);
    /// ```
    ///
    /// ### Valid
    /// A migration that runs outside the tool's transaction may open its own:
    ///
    /// ```sql,file=db/migrations/00001_orders.sql
    /// -- +goose NO TRANSACTION
    /// -- +goose Up
    /// BEGIN;
    /// CREATE TABLE orders (id bigint PRIMARY KEY);
    /// COMMIT;
    /// ```
    ///
    /// ## Fix
    /// Remove the explicit `BEGIN` and `COMMIT` and let the tool's transaction cover the
    /// migration, or opt the migration out of the tool's transaction if it must control
    /// transactions itself.
    pub struct NestedTransaction {
        name: "nested-transaction",
        category: Locking,
        severity: Warning,
    }
}

impl Rule for NestedTransaction {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::Transaction(control) = cx.op.kind else { return };
        let layout = cx.stream.layout;
        let tool = tool_name(layout);
        let state = transaction_at(cx);
        // golang-migrate's implicit block becomes a regular transaction at a BEGIN.
        let tool_open = state == Transaction::Tool && layout != Layout::GolangMigrate;
        let consequence = match cx.dialect() {
            Dialect::Postgres => {
                "PostgreSQL ignores it with a warning, and the next COMMIT ends the outer transaction early, leaving the rest of the migration outside any transaction"
            }
            Dialect::Sqlite => "SQLite refuses to start a transaction within a transaction, so the migration fails",
            Dialect::MySql => "MySQL commits the open transaction first, so the migration is no longer atomic",
        };
        let finding = match (control, state) {
            (TransactionControl::Begin, Transaction::Begin(outer)) => Finding::new(
                NestedTransaction::META.name,
                cx.op.span,
                format!("This `BEGIN` opens a transaction inside the one opened before it: {consequence}"),
            )
            .with_related(outer, "the outer transaction opens here")
            .with_help("remove the inner `BEGIN`, or `COMMIT` the first transaction before opening another"),
            (TransactionControl::Begin, _) if tool_open => Finding::new(
                NestedTransaction::META.name,
                cx.op.span,
                format!("{tool} already runs this migration in a transaction, so this `BEGIN` nests: {consequence}"),
            )
            .with_help(format!(
                "remove the `BEGIN` and its `COMMIT` and let {tool}'s transaction cover the migration, or opt the migration out of {tool}'s transaction"
            )),
            (TransactionControl::Commit | TransactionControl::Rollback, _)
                if tool_open
                    && !cx.earlier_ops().iter().any(|op| matches!(op.kind, OpKind::Transaction(TransactionControl::Begin))) =>
            {
                let verb = if control == TransactionControl::Commit { "COMMIT" } else { "ROLLBACK" };
                Finding::new(
                    NestedTransaction::META.name,
                    cx.op.span,
                    format!(
                        "This `{verb}` ends the transaction {tool} runs this migration in: the statements after it run outside any transaction, and {tool} can no longer roll the migration back as a whole"
                    ),
                )
                .with_help(format!("remove the `{verb}` and let {tool} end its transaction"))
            }
            _ => return,
        };
        out.push(finding.with_object(format!("migration:{}:transaction", cx.migration().label())));
    }
}
