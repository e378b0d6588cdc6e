//! `non-concurrent-reindex`: REINDEX without CONCURRENTLY on a table in use.

use sg_model::{Finding, OpKind};

use super::transaction::{Transaction, opt_out, transaction_at};
use crate::support::table_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration rebuilds indexes of an existing table without CONCURRENTLY.
    ///
    /// ## What it does
    /// Reports PostgreSQL's `REINDEX` without `CONCURRENTLY` of an index, a table, a schema
    /// or a database (squawk's `require-concurrent-reindex`). Indexes of tables created in
    /// the same migration are not reported.
    ///
    /// ## Why is this bad?
    /// `REINDEX` takes a SHARE lock on the table, blocking every insert, update and delete,
    /// and an ACCESS EXCLUSIVE lock on each index it rebuilds, blocking the reads that would
    /// use it, until the rebuild ends.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY, status text);
    /// CREATE INDEX orders_status_idx ON orders (status);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_reindex.up.sql
    /// REINDEX INDEX orders_status_idx;
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY, status text);
    /// CREATE INDEX orders_status_idx ON orders (status);
    /// ```
    /// ```sql,file=migrations/000002_reindex.up.sql
    /// REINDEX INDEX CONCURRENTLY orders_status_idx;
    /// ```
    ///
    /// ## Fix
    /// Use `REINDEX ... CONCURRENTLY` (PostgreSQL 12 and later) in a migration that runs
    /// outside a transaction.
    pub struct NonConcurrentReindex {
        name: "non-concurrent-reindex",
        category: Locking,
        severity: Warning,
    }
}

impl Rule for NonConcurrentReindex {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::Reindex { target, concurrently: false } = &cx.op.kind else { return };
        if !cx.is_postgres() {
            return;
        }
        let qn = cx.resolve(target);
        // The target is a table, an index (of some table), or a schema or database.
        let table = cx.before.table(&qn).or_else(|| cx.before.find_index(&qn).map(|(t, _)| t));
        if table.is_some_and(|t| t.origin.migration >= cx.migration_index) {
            return;
        }
        let (what, reads) = match table {
            Some(t) if t.name == qn => (format!("the indexes of `{}`", cx.show(&qn)), "them"),
            Some(t) => (format!("index `{}` of `{}`", cx.show(&qn), cx.show(&t.name)), "it"),
            None => (format!("every index in `{target}`"), "them"),
        };
        let object = match table {
            Some(t) => format!("{}:reindex:{}", table_object(&t.name), qn.name),
            None => format!("reindex:{qn}"),
        };
        let help = match transaction_at(cx) {
            Transaction::None => "add CONCURRENTLY: `REINDEX ... CONCURRENTLY` (PostgreSQL 12 and later)".to_owned(),
            _ => format!(
                "add CONCURRENTLY: `REINDEX ... CONCURRENTLY` (PostgreSQL 12 and later), and {}",
                opt_out(cx.stream.layout)
            ),
        };
        out.push(
            Finding::new(
                NonConcurrentReindex::META.name,
                cx.op.span,
                format!(
                    "Rebuilding {what} without CONCURRENTLY blocks writes to the table, and reads that use {reads}, until the rebuild ends"
                ),
            )
            .with_help(help)
            .with_object(object),
        );
    }
}
