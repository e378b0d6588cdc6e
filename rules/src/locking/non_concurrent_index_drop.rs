//! `non-concurrent-index-drop`: DROP INDEX without CONCURRENTLY on a table in use.

use sg_model::schema::IndexRef;
use sg_model::{Finding, OpKind};

use super::transaction::{Transaction, opt_out, transaction_at};
use crate::support::table_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration drops an index of an existing table without CONCURRENTLY.
    ///
    /// ## What it does
    /// Reports `DROP INDEX` without `CONCURRENTLY` when the index belongs to a PostgreSQL
    /// table that an earlier migration created (Atlas PG102, squawk's
    /// `require-concurrent-index-deletion`). Indexes of tables created in the same
    /// migration are not reported.
    ///
    /// ## Why is this bad?
    /// `DROP INDEX` takes an ACCESS EXCLUSIVE lock on the index's table. The drop itself is
    /// quick, but it has to wait for every running query on the table, and every query that
    /// arrives meanwhile, reads included, queues behind it.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY, status text);
    /// CREATE INDEX orders_status_idx ON orders (status);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_drop_index.up.sql
    /// DROP INDEX orders_status_idx;
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY, status text);
    /// CREATE INDEX orders_status_idx ON orders (status);
    /// ```
    /// ```sql,file=migrations/000002_drop_index.up.sql
    /// DROP INDEX CONCURRENTLY orders_status_idx;
    /// ```
    ///
    /// ## Fix
    /// Use `DROP INDEX CONCURRENTLY` in a migration that runs outside a transaction; it
    /// waits for running queries without blocking new ones. Where the migration already
    /// runs outside a transaction, the finding carries that edit as a fix.
    pub struct NonConcurrentIndexDrop {
        name: "non-concurrent-index-drop",
        category: Locking,
        severity: Warning,
    }
}

impl Rule for NonConcurrentIndexDrop {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::DropIndex { name, concurrently: false, if_exists, cascade, .. } = &cx.op.kind else { return };
        if !cx.is_postgres() {
            return;
        }
        let qn = cx.resolve(name);
        // An index the history never created (or one behind a constraint, which DROP INDEX
        // refuses) is another rule's concern.
        let Some((table, IndexRef::Index(_))) = cx.before.find_index(&qn) else { return };
        if table.origin.migration >= cx.migration_index {
            return;
        }
        let t = cx.show(&table.name);
        let index = cx.show(&qn);
        let guard = if *if_exists { "IF EXISTS " } else { "" };
        let statement = format!("DROP INDEX CONCURRENTLY {guard}{index}");
        let transaction = transaction_at(cx);
        let help = match transaction {
            Transaction::None => format!("use `{statement}`"),
            _ => format!("use `{statement}`, and {}", opt_out(cx.stream.layout)),
        };
        // DROP INDEX CONCURRENTLY drops one index and refuses CASCADE.
        let fix = (transaction == Transaction::None && !*cascade && cx.statement_is_single_op())
            .then(|| cx.sql_file(cx.op.span))
            .flatten()
            .and_then(|sql| {
                let at = sql.after_keywords(&["DROP", "INDEX"])?;
                Some(sql.insert("Drop the index CONCURRENTLY", at, " CONCURRENTLY"))
            });
        out.push(
            Finding::new(
                NonConcurrentIndexDrop::META.name,
                cx.op.span,
                format!(
                    "Dropping index `{index}` without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on `{t}`: it waits for running queries, and every read and write of `{t}` queues behind it"
                ),
            )
            .with_help(help)
            .with_object(format!("{}:index:{}", table_object(&table.name), qn.name))
            .with_optional_fix(fix),
        );
    }
}
