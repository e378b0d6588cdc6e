//! `vacuum-full-or-cluster`: VACUUM FULL or CLUSTER on a table in use.

use sg_model::op::MaintenanceKind;
use sg_model::{Finding, OpKind};

use crate::support::table_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration runs VACUUM FULL or CLUSTER on an existing table.
    ///
    /// ## What it does
    /// Reports PostgreSQL's `VACUUM FULL` and `CLUSTER` on a table an earlier migration
    /// created, or on the whole database (squawk's `prefer-repack`). Tables created in the
    /// same migration are not reported.
    ///
    /// ## Why is this bad?
    /// Both rewrite the table into a new file under an ACCESS EXCLUSIVE lock: nothing can
    /// read or write it until every row and every index has been copied. They also need
    /// room for a second copy of the table.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_events.up.sql
    /// CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_compact.up.sql
    /// VACUUM FULL events;
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_events.up.sql
    /// CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb);
    /// ```
    /// ```sql,file=migrations/000002_compact.up.sql
    /// VACUUM events;
    /// ```
    ///
    /// ## Fix
    /// Leave space reclamation to autovacuum, or run plain `VACUUM`, which takes no lock
    /// that blocks reads or writes. To compact or reorder a table online, use an extension
    /// such as pg_repack or pg_squeeze, outside of migrations.
    pub struct VacuumFullOrCluster {
        name: "vacuum-full-or-cluster",
        category: Locking,
        severity: Warning,
    }
}

impl Rule for VacuumFullOrCluster {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::Maintenance { kind, table } = &cx.op.kind else { return };
        let statement = match kind {
            MaintenanceKind::VacuumFull => "VACUUM FULL",
            MaintenanceKind::Cluster => "CLUSTER",
            _ => return,
        };
        if !cx.is_postgres() {
            return;
        }
        let (target, object) = match table {
            Some(t) => {
                // A table this migration created is empty; one the history never created
                // is still reported, since it exists somewhere.
                if cx.table_before_op(t).is_some() && cx.table_before_migration(t).is_none() {
                    return;
                }
                let qn = cx.resolve(t);
                (format!("`{}`", cx.show(&qn)), table_object(&qn))
            }
            None => ("every table of the database".to_owned(), format!("migration:{}", cx.migration().label())),
        };
        out.push(
            Finding::new(
                VacuumFullOrCluster::META.name,
                cx.op.span,
                format!(
                    "`{statement}` rewrites {target} under an ACCESS EXCLUSIVE lock, blocking every read and write until the copy is done"
                ),
            )
            .with_help(
                "run plain `VACUUM` (or leave it to autovacuum), which does not block reads or writes; to compact or reorder a table online, use pg_repack or pg_squeeze outside the migration",
            )
            .with_object(format!("{object}:{statement}")),
        );
    }
}
