//! `missing-lock-timeout`: a migration that queues for a dangerous lock with no timeout.

use sg_model::op::{ConstraintKind, DataChangeKind, MaintenanceKind};
use sg_model::schema::IndexRef;
use sg_model::{Dialect, Finding, ObjectName, Op, OpKind, QualifiedName, Schema};

use super::transaction::transaction_before;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration takes a dangerous lock on an existing table without setting a lock timeout first.
    ///
    /// ## What it does
    /// Reports the first statement of a migration that takes a lock blocking reads or
    /// writes on a table an earlier migration created (`ALTER TABLE`, `CREATE INDEX` without
    /// `CONCURRENTLY`, `DROP INDEX`, `DROP TABLE`, `TRUNCATE`, `CREATE TRIGGER`, `LOCK`,
    /// `VACUUM FULL`, ...) when no `SET lock_timeout` (MySQL: `SET lock_wait_timeout`) with
    /// a non-zero value comes before it in the migration (squawk's `require-lock-timeout`).
    /// `SET LOCAL` counts only inside a transaction, where it has an effect. With the
    /// option `statement_timeout = true`, a PostgreSQL migration must also set
    /// `statement_timeout` (squawk's `require-statement-timeout`). Migrations that only lock
    /// tables they create are not reported.
    ///
    /// ## Why is this bad?
    /// A statement that needs a lock waits for every transaction holding a conflicting one,
    /// such as a long report or a forgotten idle transaction. While it waits, it sits at the
    /// head of the lock queue and every later query on the table, reads included, waits
    /// behind it: a one-millisecond `ALTER TABLE` takes the application down for as long as
    /// the slowest query runs. A lock timeout makes the migration fail fast instead, and it
    /// can be retried.
    ///
    /// `statement_timeout` is off by default: it also bounds statements that are meant to
    /// run long (a concurrent index build, a batched backfill), and a concurrent build it
    /// cancels leaves an invalid index behind.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_note.up.sql
    /// ALTER TABLE orders ADD COLUMN note text;
    /// ```
    ///
    /// ### Invalid
    /// With `statement_timeout = true`, a lock timeout alone is not enough:
    ///
    /// ```toml,file=schemagraph.toml
    /// [rules]
    /// missing-lock-timeout = { statement_timeout = true }
    /// ```
    /// ```sql,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_note.up.sql
    /// SET lock_timeout = '5s';
    /// ALTER TABLE orders ADD COLUMN note text;
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY);
    /// ```
    /// ```sql,file=migrations/000002_note.up.sql
    /// SET lock_timeout = '5s';
    /// ALTER TABLE orders ADD COLUMN note text;
    /// ```
    ///
    /// ### Valid
    /// Only tables created in the same migration are locked:
    ///
    /// ```sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY);
    /// ALTER TABLE orders ADD COLUMN note text;
    /// ```
    ///
    /// ## Options
    /// ```text
    /// [rules]
    /// missing-lock-timeout = { statement_timeout = true }
    /// ```
    ///
    /// ## Fix
    /// Start the migration with `SET lock_timeout = '5s';` (MySQL:
    /// `SET SESSION lock_wait_timeout = 5;`), and retry the migration when it times out.
    /// If the migration tool or the database role already sets a timeout, turn this rule
    /// off in `schemagraph.toml`.
    ///
    /// In a `.sql` file the finding carries the edit that puts the `SET` on a line of its
    /// own before the statement (not for an index build or drop, whose fix is
    /// `CONCURRENTLY`).
    pub struct MissingLockTimeout {
        name: "missing-lock-timeout",
        category: Locking,
        severity: Warning,
        options: [
            ("statement_timeout", "also require `SET statement_timeout` before the first dangerous lock (PostgreSQL; default false)"),
        ],
    }
}

/// A lock an op takes that blocks other sessions' reads or writes of a table.
struct Lock {
    table: QualifiedName,
    mode: &'static str,
    statement: &'static str,
}

/// The dangerous lock `op` takes on a table that existed when the migration started.
fn dangerous_lock(op: &Op, start: &Schema, dialect: Dialect) -> Option<Lock> {
    let resolve = |name: &ObjectName| name.resolve(dialect);
    let pg = dialect == Dialect::Postgres;
    let exclusive = if pg { "ACCESS EXCLUSIVE" } else { "metadata" };
    let (table, mode, statement) = match &op.kind {
        OpKind::CreateIndex(ci) if pg && ci.concurrently => return None,
        OpKind::CreateIndex(ci) => (resolve(&ci.table), if pg { "SHARE" } else { "metadata" }, "CREATE INDEX"),
        OpKind::DropIndex { concurrently: true, .. } | OpKind::Reindex { concurrently: true, .. } => return None,
        OpKind::DropIndex { name, table, .. } => {
            let owner = match table {
                Some(t) => resolve(t),
                None => match start.find_index(&resolve(name)) {
                    Some((t, IndexRef::Index(_))) => t.name.clone(),
                    _ => return None,
                },
            };
            (owner, exclusive, "DROP INDEX")
        }
        OpKind::Reindex { target, .. } => {
            let target = resolve(target);
            let table = match start.find_index(&target) {
                Some((t, _)) => t.name.clone(),
                None => target,
            };
            (table, if pg { "SHARE" } else { "metadata" }, "REINDEX")
        }
        OpKind::DetachPartition { concurrently: true, .. } => return None,
        OpKind::DetachPartition { parent, .. } => (resolve(parent), exclusive, "ALTER TABLE ... DETACH PARTITION"),
        OpKind::AttachPartition { partition, .. } => {
            (resolve(partition), exclusive, "ALTER TABLE ... ATTACH PARTITION")
        }
        OpKind::CreateTrigger { table, .. } => {
            (resolve(table), if pg { "SHARE ROW EXCLUSIVE" } else { "metadata" }, "CREATE TRIGGER")
        }
        OpKind::DropTrigger { table: Some(table), .. } => (resolve(table), exclusive, "DROP TRIGGER"),
        OpKind::CreatePolicy { table, .. } => (resolve(table), exclusive, "CREATE POLICY"),
        OpKind::DropPolicy { table, .. } => (resolve(table), exclusive, "DROP POLICY"),
        OpKind::DropTable { name, .. } => (resolve(name), exclusive, "DROP TABLE"),
        OpKind::DataChange {
            kind: DataChangeKind::Truncate | DataChangeKind::TruncateCascade, table: Some(t), ..
        } => (resolve(t), exclusive, "TRUNCATE"),
        OpKind::Maintenance { kind: MaintenanceKind::Lock, table: Some(t) } => (resolve(t), exclusive, "LOCK TABLE"),
        OpKind::Maintenance { kind: MaintenanceKind::VacuumFull, table: Some(t) } => {
            (resolve(t), exclusive, "VACUUM FULL")
        }
        OpKind::Maintenance { kind: MaintenanceKind::Cluster, table: Some(t) } => (resolve(t), exclusive, "CLUSTER"),
        OpKind::AddConstraint { table, constraint }
            if pg && matches!(constraint.kind, ConstraintKind::ForeignKey(_)) =>
        {
            (resolve(table), "SHARE ROW EXCLUSIVE", "ALTER TABLE")
        }
        OpKind::AddColumn { table, .. }
        | OpKind::DropColumn { table, .. }
        | OpKind::RenameColumn { table, .. }
        | OpKind::AlterColumnType { table, .. }
        | OpKind::SetNotNull { table, .. }
        | OpKind::DropNotNull { table, .. }
        | OpKind::SetDefault { table, .. }
        | OpKind::DropDefault { table, .. }
        | OpKind::RedefineColumn { table, .. }
        | OpKind::AddConstraint { table, .. }
        | OpKind::DropConstraint { table, .. }
        | OpKind::DropConstraintOfKind { table, .. }
        | OpKind::RenameConstraint { table, .. }
        | OpKind::RenameTable { table, .. }
        | OpKind::SetTableSchema { table, .. }
        | OpKind::SetRls { table, .. } => (resolve(table), exclusive, "ALTER TABLE"),
        _ => return None,
    };
    start.table(&table).is_some().then_some(Lock { table, mode, statement })
}

impl Rule for MissingLockTimeout {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let dialect = cx.dialect();
        if dialect == Dialect::Sqlite {
            return;
        }
        let Some(lock) = dangerous_lock(cx.op, cx.migration_start, dialect) else { return };
        if cx.earlier_ops().iter().any(|op| dangerous_lock(op, cx.migration_start, dialect).is_some()) {
            return;
        }
        let pg = dialect == Dialect::Postgres;
        let lock_setting = if pg { "lock_timeout" } else { "lock_wait_timeout" };
        let lock_timeout = timeout(cx, lock_setting);
        let statement_timeout =
            if pg && cx.settings.option_bool(MissingLockTimeout::META.name, "statement_timeout", false) {
                timeout(cx, "statement_timeout")
            } else {
                Timeout::Set
            };
        if lock_timeout == Timeout::Set && statement_timeout == Timeout::Set {
            return;
        }
        let t = cx.show(&lock.table);
        let statement = lock.statement;
        let article = if lock.mode.starts_with('A') { "an" } else { "a" };
        let mode = if pg { format!("{article} {} lock", lock.mode) } else { "a metadata lock".to_owned() };
        let ignored_local = [(lock_setting, lock_timeout), ("statement_timeout", statement_timeout)]
            .iter()
            .filter(|(_, t)| *t == Timeout::IgnoredLocal)
            .map(|(s, _)| {
                format!(" (`SET LOCAL {s}` has no effect outside a transaction, and this migration runs outside one)")
            })
            .next()
            .unwrap_or_default();
        let message = if lock_timeout != Timeout::Set {
            let unset = if statement_timeout == Timeout::Set {
                format!("no `{lock_setting}` set")
            } else {
                format!("neither `{lock_setting}` nor `statement_timeout` set")
            };
            format!(
                "`{statement}` waits for {mode} on `{t}` with {unset}{ignored_local}: while it waits behind a long-running query, every other query on `{t}` queues behind it"
            )
        } else {
            format!(
                "`{statement}` takes {mode} on `{t}` and no `statement_timeout` bounds how long it holds it{ignored_local}"
            )
        };
        let mut sets = Vec::new();
        if lock_timeout != Timeout::Set {
            sets.push(if pg { "SET lock_timeout = '5s';" } else { "SET SESSION lock_wait_timeout = 5;" });
        }
        if statement_timeout != Timeout::Set {
            sets.push("SET statement_timeout = '10min';");
        }
        // The settings go on lines of their own just before the statement, at its
        // indentation, where they are in effect for it whatever came before.
        // For an index build or drop the fix is CONCURRENTLY, which the index rules offer;
        // a SET in front of it would put a golang-migrate file in a transaction block.
        let index_op = matches!(cx.op.kind, OpKind::CreateIndex(_) | OpKind::DropIndex { .. });
        let fix = cx.sql_file(cx.op.span).filter(|sql| !index_op && sql.starts_line()).map(|sql| {
            let indent = sql.indentation();
            let lines: String = sets.iter().map(|set| format!("{set}\n{indent}")).collect();
            let title = if sets.len() == 1 { "Set a timeout first" } else { "Set timeouts first" };
            sql.insert(title, cx.op.span.start as usize, lines)
        });
        out.push(
            Finding::new(MissingLockTimeout::META.name, cx.op.span, message)
                .with_help(format!(
                    "start the migration with `{}` so that it fails fast instead of stalling traffic, and retry it when it times out",
                    sets.join(" ")
                ))
                .with_object(format!("migration:{}", cx.migration().label()))
                .with_optional_fix(fix),
        );
    }
}

/// Whether a setting is in effect at an op.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Timeout {
    Set,
    Unset,
    /// Only a `SET LOCAL` outside any transaction, which does nothing.
    IgnoredLocal,
}

/// Whether an earlier statement of the migration set `setting` to a non-zero value that
/// is still in effect. `SET LOCAL` outside a transaction does nothing, and what it set
/// inside one ends with the transaction.
fn timeout(cx: &OpContext<'_>, setting: &str) -> Timeout {
    use super::transaction::Transaction;
    use sg_model::op::TransactionControl;
    let (mut state, mut local_only) = (Timeout::Unset, false);
    for (i, op) in cx.earlier_ops().iter().enumerate() {
        match &op.kind {
            OpKind::Transaction(
                TransactionControl::Commit | TransactionControl::Rollback | TransactionControl::ToolCommit,
            ) if local_only => {
                state = Timeout::Unset;
            }
            OpKind::Set { name, value, local } => {
                let bare = name.rsplit(['.', ' ']).next().unwrap_or(name);
                if !bare.eq_ignore_ascii_case(setting) {
                    continue;
                }
                let tx = transaction_before(cx, i);
                if *local && !tx.is_open() && tx != Transaction::Unknown {
                    if state != Timeout::Set {
                        state = Timeout::IgnoredLocal;
                    }
                    continue;
                }
                let v = value.trim().trim_matches('\'').to_ascii_lowercase();
                let number = v.trim_end_matches(|c: char| c.is_ascii_alphabetic()).trim();
                state = if number == "0" || v == "default" { Timeout::Unset } else { Timeout::Set };
                local_only = *local;
            }
            _ => {}
        }
    }
    state
}
