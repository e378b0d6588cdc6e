//! `uncommitted-transaction`: a BEGIN that no COMMIT or ROLLBACK closes.

use sg_model::op::TransactionControl;
use sg_model::{Finding, OpKind};

use super::transaction::{Transaction, transaction_before};
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration opens a transaction and never commits it.
    ///
    /// ## What it does
    /// Reports a `BEGIN` (or `START TRANSACTION`) that is still open when the migration
    /// ends, with no `COMMIT` or `ROLLBACK` after it (squawk's
    /// `ban-uncommitted-transaction`). A `BEGIN` inside the tool's own transaction is
    /// `nested-transaction`'s concern instead.
    ///
    /// ## Why is this bad?
    /// The migration's changes stay in an open transaction. When the connection closes they
    /// are rolled back, so the migration silently does nothing even though the tool records
    /// it as applied; or whatever runs next on the connection commits them, or not, by
    /// accident.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic,file=migrations/000001_orders.up.sql
    /// BEGIN;
    /// CREATE TABLE orders (id bigint PRIMARY KEY);
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_orders.up.sql
    /// BEGIN;
    /// CREATE TABLE orders (id bigint PRIMARY KEY);
    /// COMMIT;
    /// ```
    ///
    /// ## Fix
    /// End the migration with `COMMIT;`, or remove the `BEGIN` if the tool already runs the
    /// migration in a transaction.
    pub struct UncommittedTransaction {
        name: "uncommitted-transaction",
        category: Locking,
        severity: Error,
    }
}

impl Rule for UncommittedTransaction {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        if !matches!(cx.op.kind, OpKind::Transaction(TransactionControl::Begin)) {
            return;
        }
        // Reported at the BEGIN that is still open at the end.
        let end = transaction_before(cx, cx.migration().up.len());
        if end != Transaction::Begin(cx.op.span) {
            return;
        }
        let closed_later = cx.later_ops().iter().any(|op| {
            matches!(op.kind, OpKind::Transaction(TransactionControl::Commit | TransactionControl::Rollback))
        });
        if closed_later {
            return;
        }
        out.push(
            Finding::new(
                UncommittedTransaction::META.name,
                cx.op.span,
                "This `BEGIN` is never committed: the migration ends with its transaction open, so its changes are rolled back when the connection closes, although the tool records the migration as applied",
            )
            .with_help("end the migration with `COMMIT;`")
            .with_object(format!("migration:{}:transaction", cx.migration().label())),
        );
    }
}
