//! `drop-not-null`: letting an existing column hold NULL.

use sg_model::{Finding, OpKind};

use crate::support::column_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration lets an existing NOT NULL column hold NULL.
    ///
    /// ## What it does
    /// Reports `DROP NOT NULL` (and MySQL's `MODIFY` without NOT NULL) on a column that
    /// was NOT NULL before the migration.
    ///
    /// ## Why is this bad?
    /// Deployed code was written against a column that is never NULL; once new code starts
    /// writing NULL, old readers (and a rollback of the code) meet values they do not
    /// handle.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_optional_email.up.sql
    /// ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
    /// ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
    /// ```
    ///
    /// ## Fix
    /// Deploy code that handles NULL in this column everywhere it reads it before the
    /// migration runs, and say so in a suppression's reason.
    pub struct DropNotNull {
        name: "drop-not-null",
        category: Compat,
        severity: Note,
    }
}

impl Rule for DropNotNull {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let (table, column) = match &cx.op.kind {
            OpKind::DropNotNull { table, column } => (table, column),
            OpKind::RedefineColumn { table, column, def } if def.nullable != Some(false) => (table, column),
            _ => return,
        };
        if cx.column_before_migration(table, column).is_none() {
            return;
        }
        if cx.column_before_op(table, column).is_none_or(|c| c.nullable) {
            return;
        }
        let qn = cx.resolve(table);
        let t = cx.show(&qn);
        out.push(
            Finding::new(
                DropNotNull::META.name,
                cx.op.span,
                format!("`{t}.{column}` may now hold NULL; deployed code that reads it does not expect that"),
            )
            .with_help(format!("make every reader of `{t}.{column}` handle NULL before this migration runs"))
            .with_object(column_object(&qn, column)),
        );
    }
}
