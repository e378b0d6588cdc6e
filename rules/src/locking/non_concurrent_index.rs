//! `non-concurrent-index`: CREATE INDEX without CONCURRENTLY on a table in use.

use sg_model::{Finding, OpKind};

use super::transaction::{Transaction, opt_out, transaction_at};
use crate::support::table_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration builds an index on an existing table without CONCURRENTLY.
    ///
    /// ## What it does
    /// Reports `CREATE INDEX` (and `CREATE UNIQUE INDEX`) without `CONCURRENTLY` on a
    /// PostgreSQL table that an earlier migration created (Atlas PG101, squawk's
    /// `require-concurrent-index-creation`). An index on a table created in the same
    /// migration is not reported: that table holds no rows and no traffic yet.
    ///
    /// ## Why is this bad?
    /// A plain index build takes a SHARE lock on the table: reads go on, but every insert,
    /// update and delete waits until the whole table has been read and sorted, which on a
    /// large table takes minutes.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_index.up.sql
    /// CREATE INDEX orders_customer_id_idx ON orders (customer_id);
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
    /// ```
    /// ```sql,file=migrations/000002_index.up.sql
    /// CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);
    /// ```
    ///
    /// ### Invalid
    /// A partitioned table, even before it has partitions; the help gives the `ON ONLY`
    /// recipe, since CONCURRENTLY is refused there:
    /// ```sql,file=migrations/000001_events.up.sql
    /// CREATE TABLE events (id bigint NOT NULL, tenant_id bigint NOT NULL, at timestamptz NOT NULL)
    ///     PARTITION BY RANGE (at);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_index.up.sql
    /// CREATE INDEX events_tenant_id_idx ON events (tenant_id);
    /// ```
    ///
    /// ### Valid
    /// An index on a table the same migration creates:
    ///
    /// ```sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
    /// CREATE INDEX orders_customer_id_idx ON orders (customer_id);
    /// ```
    ///
    /// The recipe for a partitioned table, whose first step builds nothing:
    ///
    /// ```sql,file=migrations/000001_events.up.sql
    /// CREATE TABLE events (id bigint NOT NULL, tenant_id bigint NOT NULL, at timestamptz NOT NULL)
    ///     PARTITION BY RANGE (at);
    /// CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
    /// ```
    /// ```sql,file=migrations/000002_index_parent.up.sql
    /// CREATE INDEX events_tenant_id_idx ON ONLY events (tenant_id);
    /// ```
    /// ```sql,file=migrations/000003_index_partition.up.sql
    /// CREATE INDEX CONCURRENTLY events_2025_tenant_id_idx ON events_2025 (tenant_id);
    /// ```
    /// ```sql,file=migrations/000004_attach.up.sql
    /// ALTER INDEX events_tenant_id_idx ATTACH PARTITION events_2025_tenant_id_idx;
    /// ```
    ///
    /// ## Fix
    /// Build the index with `CREATE INDEX CONCURRENTLY` in a migration that runs outside a
    /// transaction (where the migration already does, the finding carries that edit as a
    /// fix). A concurrent build that fails leaves an invalid index behind: drop it
    /// (`DROP INDEX CONCURRENTLY IF EXISTS`) before trying again.
    ///
    /// A partitioned table (declared `PARTITION BY`) cannot be indexed CONCURRENTLY, and no
    /// fix is offered there: create the index `ON ONLY` the parent (it is created invalid,
    /// at once), build each partition's index with `CREATE INDEX CONCURRENTLY`, and attach
    /// each with `ALTER INDEX ... ATTACH PARTITION`; the parent's index becomes valid once
    /// every partition has its index attached.
    pub struct NonConcurrentIndex {
        name: "non-concurrent-index",
        category: Locking,
        severity: Warning,
    }
}

impl Rule for NonConcurrentIndex {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::CreateIndex(ci) = &cx.op.kind else { return };
        if ci.concurrently || !cx.is_postgres() {
            return;
        }
        let Some(table) = cx.table_before_migration(&ci.table) else { return };
        let qn = cx.resolve(&ci.table);
        let t = cx.show(&qn);
        let name = ci.name.as_ref().map(ToString::to_string);
        let what = match &name {
            Some(n) => format!("index `{n}`"),
            None => "an index".to_owned(),
        };
        let keys = ci.keys.iter().map(|k| k.text()).collect::<Vec<_>>().join(", ");
        let unique = if ci.unique { "UNIQUE " } else { "" };
        // Declared `PARTITION BY`, or known to be by its partitions.
        let partitions: Vec<String> = cx
            .before
            .tables
            .values()
            .filter(|p| p.partition_of.as_ref() == Some(&qn))
            .map(|p| cx.show(&p.name))
            .collect();
        let partitioned = table.partitioned || !partitions.is_empty();
        // `ON ONLY` a partitioned table builds nothing: the index is created invalid, at
        // once, and the partitions' indexes are built and attached on their own.
        if partitioned && ci.only {
            return;
        }
        let fix = (!partitioned && transaction_at(cx) == Transaction::None && cx.statement_is_single_op())
            .then(|| cx.sql_file(cx.op.span))
            .flatten()
            .and_then(|sql| {
                let words: &[&str] = if ci.unique { &["CREATE", "UNIQUE", "INDEX"] } else { &["CREATE", "INDEX"] };
                let at = sql.after_keywords(words)?;
                Some(sql.insert("Build the index CONCURRENTLY", at, " CONCURRENTLY"))
            });
        let help = if partitioned {
            let index = name.as_deref().unwrap_or("...");
            let each = match partitions.as_slice() {
                [] => "each partition".to_owned(),
                [one] => format!("the partition `{one}`"),
                [first, ..] => format!("each partition (`{first}`, ...)"),
            };
            format!(
                "`{t}` is partitioned, and CONCURRENTLY cannot build an index on a partitioned table: create it with `CREATE {unique}INDEX {index} ON ONLY {t} ({keys})` (the index is invalid and takes no time), build the index of {each} with `CREATE {unique}INDEX CONCURRENTLY` in a migration outside a transaction, and attach each one with `ALTER INDEX {index} ATTACH PARTITION <partition's index>`: the parent's index becomes valid when every partition has one attached"
            )
        } else {
            let statement = format!(
                "CREATE {unique}INDEX CONCURRENTLY {}ON {t} ({keys})",
                name.as_deref().map(|n| format!("{n} ")).unwrap_or_default()
            );
            match transaction_at(cx) {
                Transaction::None => format!("use `{statement}`"),
                _ => format!("use `{statement}`, and {}", opt_out(cx.stream.layout)),
            }
        };
        let object = match &name {
            Some(n) => format!("{}:index:{n}", table_object(&qn)),
            None => format!("{}:index:({keys})", table_object(&qn)),
        };
        out.push(
            Finding::new(
                NonConcurrentIndex::META.name,
                cx.op.span,
                format!(
                    "Creating {what} on `{t}` without CONCURRENTLY takes a SHARE lock that blocks inserts, updates and deletes on `{t}` until the index is built"
                ),
            )
            .with_help(help)
            .with_object(object)
            .with_optional_fix(fix),
        );
    }
}
