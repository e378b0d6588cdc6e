//! `set-not-null`: making an existing nullable column NOT NULL.

use sg_model::{Finding, OpKind};

use crate::support::column_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration makes an existing nullable column NOT NULL.
    ///
    /// ## What it does
    /// Reports `SET NOT NULL` (and MySQL's `MODIFY ... NOT NULL`) on a column that was
    /// nullable before the migration. Columns of tables created in the same migration are
    /// not reported.
    ///
    /// ## Why is this bad?
    /// The migration fails if any row still holds NULL, and deployed code that writes NULL
    /// starts failing. In PostgreSQL the check scans the whole table under an ACCESS
    /// EXCLUSIVE lock, blocking reads and writes while it runs.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_require_email.up.sql
    /// ALTER TABLE users ALTER COLUMN email SET NOT NULL;
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text);
    /// ALTER TABLE users ALTER COLUMN email SET NOT NULL;
    /// ```
    ///
    /// ## Fix
    /// Deploy code that always writes the column, backfill NULLs, add
    /// `CHECK (col IS NOT NULL) NOT VALID` and `VALIDATE` it in a separate migration; on
    /// PostgreSQL 12 and later `SET NOT NULL` then uses the check and skips the scan.
    pub struct SetNotNull {
        name: "set-not-null",
        category: Compat,
        severity: Warning,
    }
}

impl Rule for SetNotNull {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let (table, column) = match &cx.op.kind {
            OpKind::SetNotNull { table, column } => (table, column),
            OpKind::RedefineColumn { table, column, def } if def.nullable == Some(false) => (table, column),
            _ => return,
        };
        if cx.column_before_migration(table, column).is_none() {
            return;
        }
        if !cx.column_before_op(table, column).is_some_and(|c| c.nullable) {
            return;
        }
        let qn = cx.resolve(table);
        let t = cx.show(&qn);
        let lock = if cx.is_postgres() {
            "; PostgreSQL scans the whole table under an ACCESS EXCLUSIVE lock to check it"
        } else {
            ""
        };
        out.push(
            Finding::new(
                SetNotNull::META.name,
                cx.op.span,
                format!(
                    "Making `{t}.{column}` NOT NULL fails if any row holds NULL and breaks deployed code that writes NULL{lock}"
                ),
            )
            .with_help(format!(
                "backfill NULLs first; then `ALTER TABLE {t} ADD CONSTRAINT {t}_{column}_not_null CHECK ({column} IS NOT NULL) NOT VALID`, `VALIDATE CONSTRAINT` in a later migration, and only then SET NOT NULL"
            ))
            .with_object(column_object(&qn, column)),
        );
    }
}
