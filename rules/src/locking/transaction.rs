//! Which transaction an op runs in, and what the migration tool does about transactions.
//!
//! Several locking rules turn on it: PostgreSQL refuses `CREATE INDEX CONCURRENTLY` inside
//! a transaction block, a `VALIDATE` in the transaction that added the constraint holds the
//! add's lock through the scan, and `SET LOCAL` lasts only until the transaction ends. The
//! answer depends on the tool as much as on the SQL:
//!
//! ```text
//! goose (default), dbmate, sqlx, diesel, Flyway, refinery  -> the tool wraps the migration
//! golang-migrate, several statements                       -> one implicit transaction block
//! goose NO TRANSACTION, one golang-migrate statement, ...  -> autocommit, statement by statement
//! plain numbered files                                     -> unknown: no tool is named
//! ```

use sg_model::op::{MaintenanceKind, TransactionControl};
use sg_model::{Layout, Op, OpKind, Span};

use crate::OpContext;

/// Whether the tool runs the migration inside a transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ToolTransaction {
    Yes,
    No,
    /// Plain numbered files name no tool; they may be fed to psql or to a runner that
    /// wraps each file.
    Unknown,
}

pub(crate) fn tool_transaction(cx: &OpContext<'_>) -> ToolTransaction {
    let m = cx.migration();
    match cx.stream.layout {
        Layout::Plain => ToolTransaction::Unknown,
        // Flyway's PostgreSQL support runs a migration whose statements all refuse a
        // transaction outside of one; it refuses to mix them with others unless `mixed` is
        // set, which runs the whole migration outside a transaction.
        Layout::Flyway if m.up.iter().all(|op| cannot_run_in_transaction(op) || is_inert(op)) => ToolTransaction::No,
        _ if m.transactional => ToolTransaction::Yes,
        _ => ToolTransaction::No,
    }
}

/// Statements PostgreSQL refuses to run inside a transaction block.
pub(crate) fn cannot_run_in_transaction(op: &Op) -> bool {
    match &op.kind {
        OpKind::CreateIndex(ci) => ci.concurrently,
        OpKind::DropIndex { concurrently, .. }
        | OpKind::Reindex { concurrently, .. }
        | OpKind::DetachPartition { concurrently, .. } => *concurrently,
        OpKind::Maintenance { kind: MaintenanceKind::Vacuum | MaintenanceKind::VacuumFull, .. } => true,
        _ => false,
    }
}

/// Ops that do nothing a transaction would notice.
fn is_inert(op: &Op) -> bool {
    matches!(op.kind, OpKind::NoEffect { .. } | OpKind::Set { .. })
}

/// The transaction an op runs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Transaction {
    /// The one the tool wraps the migration in (or golang-migrate's implicit block).
    Tool,
    /// One the migration opened itself with the `BEGIN` at this span.
    Begin(Span),
    /// Autocommit: each statement commits on its own.
    None,
    /// Cannot be known: plain files before any BEGIN or COMMIT of their own.
    Unknown,
}

impl Transaction {
    pub(crate) fn is_open(self) -> bool {
        matches!(self, Transaction::Tool | Transaction::Begin(_))
    }
}

/// Replays the transaction control of a migration up to (not including) its op number
/// `index`, the way PostgreSQL treats it:
///
/// - a `BEGIN` inside the tool's transaction is ignored with a warning, and the `COMMIT`
///   that follows commits the tool's transaction early;
/// - golang-migrate's implicit block is turned into a regular one by a `BEGIN`, and after
///   its `COMMIT` the next statements form a new implicit block.
pub(crate) fn transaction_before(cx: &OpContext<'_>, index: usize) -> Transaction {
    let tool = tool_transaction(cx);
    let implicit_block = cx.stream.layout == Layout::GolangMigrate;
    let mut state = match tool {
        ToolTransaction::Yes => Transaction::Tool,
        ToolTransaction::No => Transaction::None,
        ToolTransaction::Unknown => Transaction::Unknown,
    };
    for op in cx.migration().up.iter().take(index) {
        let OpKind::Transaction(control) = op.kind else { continue };
        state = match (control, state) {
            (TransactionControl::Begin, Transaction::Tool) if implicit_block => Transaction::Begin(op.span),
            (TransactionControl::Begin, Transaction::None | Transaction::Unknown) => Transaction::Begin(op.span),
            (TransactionControl::Begin, open) => open,
            (TransactionControl::Commit | TransactionControl::Rollback, _)
                if implicit_block && tool == ToolTransaction::Yes =>
            {
                Transaction::Tool
            }
            (TransactionControl::Commit | TransactionControl::Rollback, _) => Transaction::None,
        };
    }
    state
}

/// The transaction this op runs in.
pub(crate) fn transaction_at(cx: &OpContext<'_>) -> Transaction {
    transaction_before(cx, cx.op_index)
}

/// How the tool is told to run a migration outside a transaction, as advice.
pub(crate) fn opt_out(layout: Layout) -> &'static str {
    match layout {
        Layout::Goose => "put it in a migration of its own that starts with `-- +goose NO TRANSACTION`",
        Layout::Dbmate => "put it in a migration of its own whose section reads `-- migrate:up transaction:false`",
        Layout::GolangMigrate => {
            "put it alone in a migration file of its own: golang-migrate sends a file with several statements as one query, which PostgreSQL runs as one transaction"
        }
        Layout::Sqlx => "put it in a migration of its own whose first line is `-- no-transaction`",
        Layout::Diesel => "put it in a migration of its own with `run_in_transaction = false` in its `metadata.toml`",
        Layout::Flyway => {
            "put it in a migration of its own, which Flyway then runs outside a transaction (or set `mixed = true`)"
        }
        Layout::Refinery => "run it outside refinery, which runs every migration in a transaction",
        Layout::Alembic => "run it inside `with op.get_context().autocommit_block():`",
        _ => "run it outside a transaction",
    }
}

/// Who opened the transaction, for messages: "goose runs this migration in a transaction".
pub(crate) fn tool_name(layout: Layout) -> &'static str {
    match layout {
        Layout::Plain => "the migration runner",
        other => other.name(),
    }
}

/// For `ALTER TABLE table VALIDATE CONSTRAINT name`: the earlier op of the same migration
/// that added the constraint `NOT VALID`, when both run in one transaction, so that the
/// add's lock is still held while the validation scans the table.
///
/// ```text
/// BEGIN;  -- or the tool's transaction
/// ALTER TABLE orders ADD CONSTRAINT orders_customer_fk ... NOT VALID;  -- lock taken
/// ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;          -- scans, lock still held
/// ```
pub(crate) fn added_in_same_transaction<'a>(
    cx: &'a OpContext<'_>,
    table: &sg_model::ObjectName,
    name: &sg_model::Ident,
) -> Option<&'a Op> {
    if !transaction_at(cx).is_open() {
        return None;
    }
    let t = cx.table_before_op(table)?;
    let origin = t
        .foreign_keys
        .iter()
        .filter(|f| &f.name == name && f.not_valid)
        .map(|f| f.origin)
        .chain(t.checks.iter().filter(|c| &c.name == name && c.not_valid).map(|c| c.origin))
        .next()?;
    if origin.migration != cx.migration_index {
        return None;
    }
    let earlier = cx.earlier_ops();
    let i = earlier.iter().rposition(|op| {
        matches!(&op.kind, OpKind::AddConstraint { constraint, .. } if constraint.not_valid)
            && op.span.file == origin.span.file
            && op.span.start <= origin.span.start
            && origin.span.end <= op.span.end
    })?;
    let committed_between = earlier[i + 1..]
        .iter()
        .any(|op| matches!(op.kind, OpKind::Transaction(TransactionControl::Commit | TransactionControl::Rollback)));
    (!committed_between && transaction_before(cx, i).is_open()).then(|| &earlier[i])
}
