//! `set-not-null`: making an existing nullable column NOT NULL.

use sg_model::{Dialect, Finding, Ident, OpKind};

use crate::support::column_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration makes an existing nullable column NOT NULL.
    ///
    /// ## What it does
    /// Reports `SET NOT NULL` (and MySQL's `MODIFY ... NOT NULL`) on a column that was
    /// nullable before the migration. Columns of tables created in the same migration are
    /// not reported, nor columns a validated `CHECK (col IS NOT NULL)` already guards.
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
    /// A validated `CHECK (email IS NOT NULL)` already keeps NULL out, and PostgreSQL 12 and
    /// later use it instead of scanning the table (Atlas PG303):
    ///
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text);
    /// ```
    /// ```sql,file=migrations/000002_check_email.up.sql
    /// ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;
    /// ```
    /// ```sql,file=migrations/000003_validate_email.up.sql
    /// ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;
    /// ```
    /// ```sql,file=migrations/000004_require_email.up.sql
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
        let guarded = cx
            .table_before_op(table)
            .is_some_and(|t| t.checks.iter().any(|c| !c.not_valid && is_not_null_check(&c.expr, column, cx.dialect())));
        if guarded {
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

/// Whether `expr` is `column IS NOT NULL`, in any parentheses, case and quoting.
fn is_not_null_check(expr: &str, column: &Ident, dialect: Dialect) -> bool {
    let mut e = expr.trim();
    while let Some(inner) = e.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        e = inner.trim();
    }
    let words: Vec<&str> = e.split_whitespace().collect();
    match words.as_slice() {
        [name, is, not, null] => {
            is.eq_ignore_ascii_case("is")
                && not.eq_ignore_ascii_case("not")
                && null.eq_ignore_ascii_case("null")
                && written_ident(name, dialect) == *column
        }
        _ => false,
    }
}

/// An identifier as a check expression spells it: quoted (`"email"`, `` `email` ``) or not.
fn written_ident(word: &str, dialect: Dialect) -> Ident {
    let unquoted = word
        .strip_prefix('"')
        .and_then(|w| w.strip_suffix('"'))
        .or_else(|| word.strip_prefix('`').and_then(|w| w.strip_suffix('`')));
    match unquoted {
        Some(raw) => Ident::new(raw, true, dialect),
        None => Ident::new(word, false, dialect),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_null_checks() {
        let email = Ident::new("email", false, Dialect::Postgres);
        assert!(is_not_null_check("email IS NOT NULL", &email, Dialect::Postgres));
        assert!(is_not_null_check("((\"email\" is not null))", &email, Dialect::Postgres));
        assert!(!is_not_null_check("email IS NOT NULL AND email <> ''", &email, Dialect::Postgres));
        assert!(!is_not_null_check("phone IS NOT NULL", &email, Dialect::Postgres));
        assert!(!is_not_null_check("email IS NULL", &email, Dialect::Postgres));
    }
}
