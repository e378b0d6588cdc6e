//! `rename-column`: renaming a column that deployed code uses by its old name.

use sg_model::{Finding, OpKind};

use crate::support::column_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration renames a column that existed before it.
    ///
    /// ## What it does
    /// Reports `RENAME COLUMN` (and MySQL's `CHANGE` to a new name) on a column an earlier
    /// migration created. Renaming a column added in the same migration is not reported.
    ///
    /// ## Why is this bad?
    /// Deployed code still reads and writes the old name and fails from the moment the
    /// migration runs until the new code is everywhere.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, mail text);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_rename.up.sql
    /// ALTER TABLE users RENAME COLUMN mail TO email;
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE users (id bigint PRIMARY KEY);
    /// ALTER TABLE users ADD COLUMN mail text;
    /// ALTER TABLE users RENAME COLUMN mail TO email;
    /// ```
    ///
    /// ## Fix
    /// Expand/contract: add the new column, write both, backfill, switch reads to the new
    /// column, stop writing the old one, and drop it last.
    pub struct RenameColumn {
        name: "rename-column",
        category: Compat,
        severity: Warning,
    }
}

impl Rule for RenameColumn {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let (table, column, new_name) = match &cx.op.kind {
            OpKind::RenameColumn { table, column, new_name } => (table, column, new_name),
            OpKind::RedefineColumn { table, column, def } if &def.name != column => (table, column, &def.name),
            _ => return,
        };
        if cx.column_before_migration(table, column).is_none() {
            return;
        }
        let qn = cx.resolve(table);
        let t = cx.show(&qn);
        out.push(
            Finding::new(
                RenameColumn::META.name,
                cx.op.span,
                format!("Renaming `{t}.{column}` to `{new_name}` breaks deployed code that still uses `{column}`"),
            )
            .with_help(format!(
                "add `{new_name}` next to `{column}`, write both and backfill, move reads to `{new_name}`, then drop `{column}` in a later migration"
            ))
            .with_object(column_object(&qn, column)),
        );
    }
}
