//! `non-concurrent-partition-detach`: DETACH PARTITION without CONCURRENTLY.

use sg_model::{Finding, OpKind};

use super::transaction::{Transaction, opt_out, transaction_at};
use crate::support::table_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration detaches a partition of an existing table without CONCURRENTLY.
    ///
    /// ## What it does
    /// Reports PostgreSQL's `ALTER TABLE ... DETACH PARTITION` without `CONCURRENTLY` when
    /// the partitioned table was created by an earlier migration (squawk's
    /// `require-concurrent-partition-detach`).
    ///
    /// ## Why is this bad?
    /// A plain detach takes an ACCESS EXCLUSIVE lock on the partitioned table: every read
    /// and write of every partition waits for it, and it waits for every running query.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_events.up.sql
    /// CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
    /// CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_detach.up.sql
    /// ALTER TABLE events DETACH PARTITION events_2024;
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_events.up.sql
    /// CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
    /// CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
    /// ```
    /// ```sql,file=migrations/000002_detach.up.sql
    /// ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;
    /// ```
    ///
    /// ## Fix
    /// Use `DETACH PARTITION ... CONCURRENTLY` (PostgreSQL 14 and later) in a migration that
    /// runs outside a transaction; it takes only a SHARE UPDATE EXCLUSIVE lock on the
    /// partitioned table. It is not available when the table has a default partition.
    pub struct NonConcurrentPartitionDetach {
        name: "non-concurrent-partition-detach",
        category: Locking,
        severity: Warning,
    }
}

impl Rule for NonConcurrentPartitionDetach {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::DetachPartition { parent, partition, concurrently: false } = &cx.op.kind else { return };
        if !cx.is_postgres() || cx.table_before_migration(parent).is_none() {
            return;
        }
        let qn = cx.resolve(parent);
        let t = cx.show(&qn);
        let p = cx.show(&cx.resolve(partition));
        let statement = format!("ALTER TABLE {t} DETACH PARTITION {p} CONCURRENTLY");
        let help = match transaction_at(cx) {
            Transaction::None => format!("use `{statement}` (PostgreSQL 14 and later)"),
            _ => format!("use `{statement}` (PostgreSQL 14 and later), and {}", opt_out(cx.stream.layout)),
        };
        out.push(
            Finding::new(
                NonConcurrentPartitionDetach::META.name,
                cx.op.span,
                format!(
                    "Detaching `{p}` from `{t}` without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on `{t}`, blocking every read and write of all its partitions until it finishes"
                ),
            )
            .with_help(help)
            .with_object(format!("{}:partition:{p}", table_object(&qn))),
        );
    }
}
