//! `column-type-change`: a type change that deployed code or existing rows may not survive.

use sg_model::{Finding, OpKind};

use crate::support::{TypeChange, column_object, type_change};
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration changes a column to a narrower or incompatible type.
    ///
    /// ## What it does
    /// Reports a type change of a column an earlier migration created when the new type
    /// can hold less (`bigint` to `integer`, `text` to `varchar(20)`, `numeric(12,2)` to
    /// `numeric(8,2)`) or means something else (`integer` to `text`, `timestamp` to
    /// `timestamptz`, one enum to another). Widenings are not reported here; whether they
    /// rewrite the table is `table-rewrite`'s concern.
    ///
    /// ## Why is this bad?
    /// A narrowing fails (or, in MySQL without strict mode, truncates) on existing rows
    /// that do not fit, and rejects values deployed code still writes. An incompatible
    /// change makes deployed code read values of a type it does not expect.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY, reference text);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_shorten.up.sql
    /// ALTER TABLE orders ALTER COLUMN reference TYPE varchar(20);
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY, quantity integer);
    /// ```
    /// ```sql,file=migrations/000002_widen.up.sql
    /// ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;
    /// ```
    ///
    /// ## Fix
    /// Add a column of the new type, write both, backfill and check the values, move reads
    /// to the new column, then drop the old one.
    pub struct ColumnTypeChange {
        name: "column-type-change",
        category: Compat,
        severity: Warning,
    }
}

impl Rule for ColumnTypeChange {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let (table, column, new_ty) = match &cx.op.kind {
            OpKind::AlterColumnType { table, column, ty, .. } => (table, column, &ty.ty),
            OpKind::RedefineColumn { table, column, def } => (table, column, &def.ty.ty),
            _ => return,
        };
        if cx.column_before_migration(table, column).is_none() {
            return;
        }
        let Some(current) = cx.column_before_op(table, column) else { return };
        let change = type_change(&current.ty, new_ty);
        let what = match change {
            TypeChange::Same | TypeChange::Widening => return,
            TypeChange::Narrowing => "narrows",
            TypeChange::Incompatible => "changes the meaning of",
        };
        let qn = cx.resolve(table);
        let t = cx.show(&qn);
        out.push(
            Finding::new(
                ColumnTypeChange::META.name,
                cx.op.span,
                format!(
                    "Changing `{t}.{column}` from `{}` to `{}` {what} the column: existing rows may not convert and deployed code may write or read values the new type rejects",
                    current.ty, new_ty
                ),
            )
            .with_help(format!(
                "add a new column of type `{new_ty}`, write both and backfill, move reads to it, then drop `{column}` in a later migration"
            ))
            .with_object(column_object(&qn, column)),
        );
    }
}
