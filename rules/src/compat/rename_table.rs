//! `rename-table`: renaming a table that deployed code uses by its old name.

use sg_model::{Finding, OpKind};

use crate::support::table_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration renames a table that existed before it.
    ///
    /// ## What it does
    /// Reports `ALTER TABLE ... RENAME TO` (and `RENAME TABLE` in MySQL) on a table an
    /// earlier migration created, unless the same migration creates a view under the old
    /// name, which keeps old code working.
    ///
    /// ## Why is this bad?
    /// Every running version of the application still uses the old name and fails until
    /// the new code is everywhere; a rollback of the code fails too.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_init.up.sql
    /// CREATE TABLE customers (id bigint PRIMARY KEY);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_rename.up.sql
    /// ALTER TABLE customers RENAME TO accounts;
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_init.up.sql
    /// CREATE TABLE customers (id bigint PRIMARY KEY);
    /// ```
    /// ```sql,file=migrations/000002_rename.up.sql
    /// ALTER TABLE customers RENAME TO accounts;
    /// CREATE VIEW customers AS SELECT * FROM accounts;
    /// ```
    ///
    /// ## Fix
    /// Rename and keep the old name alive as a view until no deployed code uses it, or
    /// create the new table, write to both, move reads, then drop the old one.
    pub struct RenameTable {
        name: "rename-table",
        category: Compat,
        severity: Warning,
    }
}

impl Rule for RenameTable {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::RenameTable { table, new_name } = &cx.op.kind else { return };
        if cx.table_before_migration(table).is_none() {
            return;
        }
        let qn = cx.resolve(table);
        // A view under the old name keeps deployed code working (Atlas BC101 does the same).
        let shimmed = cx
            .later_ops()
            .iter()
            .any(|op| matches!(&op.kind, OpKind::CreateView { name, .. } if cx.resolve(name) == qn));
        if shimmed {
            return;
        }
        let old = cx.show(&qn);
        out.push(
            Finding::new(
                RenameTable::META.name,
                cx.op.span,
                format!("Renaming table `{old}` to `{new_name}` breaks deployed code that still uses `{old}`"),
            )
            .with_help(format!(
                "keep the old name working until every running version uses the new one: add `CREATE VIEW {old} AS SELECT * FROM {new_name};` after the rename, and drop the view later"
            ))
            .with_object(table_object(&qn)),
        );
    }
}
