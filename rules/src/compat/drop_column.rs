//! `drop-column`: dropping a column that deployed code may use.

use sg_model::{Finding, OpKind};

use crate::support::column_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration drops a column that existed before it.
    ///
    /// ## What it does
    /// Reports `DROP COLUMN` on a column that an earlier migration created. A column added
    /// and dropped in the same migration, or dropped together with a table created in it,
    /// is not reported.
    ///
    /// ## Why is this bad?
    /// Running versions of the application still select, insert or map the column; they
    /// fail as soon as it is gone. ORMs that list every mapped column in their queries
    /// fail even if the code never uses the field.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, legacy_flags int);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_drop_flags.up.sql
    /// ALTER TABLE users DROP COLUMN legacy_flags;
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE users (id bigint PRIMARY KEY);
    /// ALTER TABLE users ADD COLUMN scratch int;
    /// ALTER TABLE users DROP COLUMN scratch;
    /// ```
    ///
    /// ## Fix
    /// Expand/contract: deploy code that neither reads nor writes the column (with an
    /// ORM, mark it ignored), then drop it in a later migration.
    pub struct DropColumn {
        name: "drop-column",
        category: Compat,
        severity: Warning,
    }
}

impl Rule for DropColumn {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::DropColumn { table, column, .. } = &cx.op.kind else { return };
        if cx.column_before_migration(table, column).is_none() {
            return;
        }
        let qn = cx.resolve(table);
        let t = cx.show(&qn);
        out.push(
            Finding::new(
                DropColumn::META.name,
                cx.op.span,
                format!("Dropping column `{t}.{column}` breaks deployed code that still selects or inserts it"),
            )
            .with_help(format!(
                "first deploy code that no longer reads or writes `{column}` (tell the ORM to ignore it), then drop it in a later migration"
            ))
            .with_object(column_object(&qn, column)),
        );
    }
}
