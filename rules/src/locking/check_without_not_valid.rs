//! `check-without-not-valid`: a CHECK constraint added to a table in use, validated under
//! an ACCESS EXCLUSIVE lock.

use sg_model::op::ConstraintKind;
use sg_model::{Finding, OpKind};

use super::transaction::added_in_same_transaction;
use crate::fix::not_valid_fix;
use crate::support::table_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration adds a CHECK constraint to an existing table without NOT VALID.
    ///
    /// ## What it does
    /// Reports, on PostgreSQL, `ADD CHECK` / `ADD CONSTRAINT ... CHECK` without `NOT VALID`,
    /// and `ADD COLUMN` with an inline `CHECK`, on a table an earlier migration created
    /// (Atlas PG305, squawk's `constraint-missing-not-valid`). It also reports a
    /// `VALIDATE CONSTRAINT` in the same transaction as the `ADD ... NOT VALID` it
    /// validates. Checks on tables created in the same migration are not reported.
    ///
    /// ## Why is this bad?
    /// PostgreSQL checks every existing row while it holds an ACCESS EXCLUSIVE lock on the
    /// table: nothing can read or write the table until the scan ends.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12, 2) NOT NULL);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_check.up.sql
    /// ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12, 2) NOT NULL);
    /// ```
    /// ```sql,file=migrations/000002_check.up.sql
    /// ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
    /// ```
    /// ```sql,file=migrations/000003_validate.up.sql
    /// ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
    /// ```
    ///
    /// ### Valid
    /// In a goose migration that runs outside a transaction, each statement commits on its
    /// own, so the validation does not hold the add's lock:
    ///
    /// ```sql,file=db/migrations/00001_orders.sql
    /// -- +goose Up
    /// CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12, 2) NOT NULL);
    /// ```
    /// ```sql,file=db/migrations/00002_check.sql
    /// -- +goose NO TRANSACTION
    /// -- +goose Up
    /// ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
    /// ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
    /// ```
    ///
    /// ## Fix
    /// Add the constraint with `NOT VALID`, which checks only new and updated rows, and
    /// `VALIDATE CONSTRAINT` it in a later migration: validation takes a SHARE UPDATE
    /// EXCLUSIVE lock, which lets reads and writes go on.
    ///
    /// In a `.sql` file the finding carries the edit that appends `NOT VALID` to the
    /// constraint, as a SARIF fix and an editor code action.
    pub struct CheckWithoutNotValid {
        name: "check-without-not-valid",
        category: Locking,
        severity: Warning,
    }
}

impl Rule for CheckWithoutNotValid {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        if !cx.is_postgres() {
            return;
        }
        match &cx.op.kind {
            OpKind::AddConstraint { table, constraint } => {
                let ConstraintKind::Check { expr, columns } = &constraint.kind else { return };
                if constraint.not_valid || cx.table_before_migration(table).is_none() {
                    return;
                }
                let qn = cx.resolve(table);
                let t = cx.show(&qn);
                let name = match (&constraint.name, columns.as_slice()) {
                    (Some(n), _) => n.to_string(),
                    (None, [c]) => format!("{}_{c}_check", qn.name),
                    (None, _) => format!("{}_check", qn.name),
                };
                out.push(
                    Finding::new(CheckWithoutNotValid::META.name, constraint.span, scan_message(&t))
                        .with_help(format!(
                            "add it with `ALTER TABLE {t} ADD CONSTRAINT {name} CHECK ({expr}) NOT VALID`, then run `ALTER TABLE {t} VALIDATE CONSTRAINT {name}` in a later migration"
                        ))
                        .with_object(format!("{}:check:{name}", table_object(&qn)))
                        .with_optional_fix(not_valid_fix(cx, constraint.span)),
                );
            }
            OpKind::AddColumn { table, column, .. } => {
                if cx.table_before_migration(table).is_none() {
                    return;
                }
                let Some((expr, span)) = column.constraints.iter().find_map(|c| match &c.kind {
                    ConstraintKind::Check { expr, .. } => Some((expr, c.span)),
                    _ => None,
                }) else {
                    return;
                };
                let qn = cx.resolve(table);
                let t = cx.show(&qn);
                let c = &column.name;
                let name = format!("{}_{c}_check", qn.name);
                out.push(
                    Finding::new(CheckWithoutNotValid::META.name, span, scan_message(&t))
                        .with_help(format!(
                            "an inline CHECK cannot be NOT VALID: add `{c}` without it, then `ALTER TABLE {t} ADD CONSTRAINT {name} CHECK ({expr}) NOT VALID`, and `VALIDATE CONSTRAINT {name}` in a later migration"
                        ))
                        .with_object(format!("{}:check:{name}", table_object(&qn))),
                );
            }
            OpKind::ValidateConstraint { table, name } => {
                if cx.table_before_migration(table).is_none() {
                    return;
                }
                let Some(add) = added_in_same_transaction(cx, table, name) else { return };
                let OpKind::AddConstraint { constraint, .. } = &add.kind else { return };
                if !matches!(constraint.kind, ConstraintKind::Check { .. }) {
                    return;
                }
                let qn = cx.resolve(table);
                let t = cx.show(&qn);
                out.push(
                    Finding::new(
                        CheckWithoutNotValid::META.name,
                        cx.op.span,
                        format!(
                            "`{name}` is validated in the transaction that added it NOT VALID, so the ACCESS EXCLUSIVE lock on `{t}` is held while every row is checked, blocking all reads and writes of `{t}`"
                        ),
                    )
                    .with_related(add.span, "added NOT VALID here, in the same transaction")
                    .with_help(format!(
                        "move `ALTER TABLE {t} VALIDATE CONSTRAINT {name}` to a later migration, so that the lock taken by the add is released first"
                    ))
                    .with_object(format!("{}:check:{name}", table_object(&qn))),
                );
            }
            _ => {}
        }
    }
}

fn scan_message(table: &str) -> String {
    format!(
        "Adding a CHECK constraint to `{table}` checks every row under an ACCESS EXCLUSIVE lock, blocking all reads and writes of `{table}` until the scan ends"
    )
}
