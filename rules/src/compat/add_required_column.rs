//! `add-required-column`: a NOT NULL column without a default on an existing table.

use sg_model::op::Generated;
use sg_model::{Finding, OpKind};

use crate::support::column_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration adds a NOT NULL column without a default to a table that already exists.
    ///
    /// ## What it does
    /// Reports `ADD COLUMN ... NOT NULL` with no `DEFAULT` (and no identity, serial or
    /// generated value) on a table an earlier migration created. Columns of a table
    /// created in the same migration are not reported: it has no rows and no writers yet.
    ///
    /// ## Why is this bad?
    /// On a table with rows the migration fails (PostgreSQL: "column contains null
    /// values"), or in MySQL silently fills in zero values. Once it runs, every deployed
    /// version that inserts rows without the new column fails.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_accounts.up.sql
    /// CREATE TABLE accounts (id bigint PRIMARY KEY);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_plan.up.sql
    /// ALTER TABLE accounts ADD COLUMN plan text NOT NULL;
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_accounts.up.sql
    /// CREATE TABLE accounts (id bigint PRIMARY KEY);
    /// ```
    /// ```sql,file=migrations/000002_plan.up.sql
    /// ALTER TABLE accounts ADD COLUMN plan text NOT NULL DEFAULT 'free';
    /// ```
    ///
    /// ## Fix
    /// Add the column nullable (or with a default), deploy code that writes it, backfill
    /// the existing rows, then add the NOT NULL constraint.
    pub struct AddRequiredColumn {
        name: "add-required-column",
        category: Compat,
        severity: Error,
    }
}

impl Rule for AddRequiredColumn {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::AddColumn { table, column, .. } = &cx.op.kind else { return };
        let required = column.nullable == Some(false)
            || column.constraints.iter().any(|c| matches!(c.kind, sg_model::op::ConstraintKind::PrimaryKey { .. }));
        let filled = column.default.is_some()
            || column.ty.serial
            || column.auto_increment
            || matches!(column.generated, Some(Generated::Identity { .. } | Generated::Expression { .. }));
        if !required || filled || cx.table_before_migration(table).is_none() {
            return;
        }
        let qn = cx.resolve(table);
        let t = cx.show(&qn);
        let c = &column.name;
        out.push(
            Finding::new(
                AddRequiredColumn::META.name,
                column.span,
                format!(
                    "Adding NOT NULL column `{t}.{c}` without a default fails on a table with rows, and breaks deployed code that inserts into `{t}` without it"
                ),
            )
            .with_help(format!(
                "add `{c}` as nullable (or with a DEFAULT), deploy code that writes it, backfill existing rows, then `ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL` in a later migration"
            ))
            .with_object(column_object(&qn, c)),
        );
    }
}
