//! `drop-table`: dropping a table that deployed code may use.

use sg_model::{Finding, OpKind};

use crate::support::table_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration drops a table that existed before it.
    ///
    /// ## What it does
    /// Reports `DROP TABLE` (and its ORM equivalents) on a table that an earlier migration
    /// created. A table created and dropped within the same migration is not reported.
    ///
    /// ## Why is this bad?
    /// Migrations run before the new code is deployed everywhere; until then, running
    /// versions still query the table and fail. The data goes with it.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_init.up.sql
    /// CREATE TABLE legacy_sessions (id bigint PRIMARY KEY);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_cleanup.up.sql
    /// DROP TABLE legacy_sessions;
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE import_staging (id bigint PRIMARY KEY);
    /// DROP TABLE import_staging;
    /// ```
    ///
    /// ## Fix
    /// Expand/contract: release code that no longer uses the table first; drop it in a
    /// later migration, once no running version references it.
    pub struct DropTable {
        name: "drop-table",
        category: Compat,
        severity: Warning,
    }
}

impl Rule for DropTable {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::DropTable { name, .. } = &cx.op.kind else { return };
        if cx.table_before_migration(name).is_none() {
            return;
        }
        let qn = cx.resolve(name);
        let t = cx.show(&qn);
        out.push(
            Finding::new(
                DropTable::META.name,
                cx.op.span,
                format!("Dropping table `{t}` breaks every deployed version that still reads or writes it"),
            )
            .with_help(format!(
                "first deploy code that no longer uses `{t}`, then drop it in a later migration; its data is lost, so archive it if it may be needed"
            ))
            .with_object(table_object(&qn)),
        );
    }
}
