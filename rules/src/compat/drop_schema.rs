//! `drop-schema`: dropping a schema and everything in it.

use sg_model::{Finding, OpKind};

use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration drops a schema that existed before it.
    ///
    /// ## What it does
    /// Reports `DROP SCHEMA` on a schema an earlier migration created, with the number of
    /// tables it held.
    ///
    /// ## Why is this bad?
    /// Every table, type and function in the schema goes with it (with `CASCADE`), and with
    /// them every deployed version that uses them. In a schema-per-tenant design it
    /// deletes a tenant.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_reporting.up.sql
    /// CREATE SCHEMA reporting;
    /// CREATE TABLE reporting.daily_totals (day date PRIMARY KEY, total numeric);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_drop.up.sql
    /// DROP SCHEMA reporting CASCADE;
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE SCHEMA scratch;
    /// DROP SCHEMA scratch;
    /// ```
    ///
    /// ## Fix
    /// Move or archive what the schema holds and deploy code that no longer uses it first;
    /// drop it in a later migration.
    pub struct DropSchema {
        name: "drop-schema",
        category: Compat,
        severity: Warning,
    }
}

impl Rule for DropSchema {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::DropSchema { name, .. } = &cx.op.kind else { return };
        if cx.before.schemas.get(name).is_none_or(|o| o.migration >= cx.migration_index) {
            return;
        }
        let tables = cx.before.tables.keys().filter(|qn| qn.schema.as_ref() == Some(name)).count();
        let holding = match tables {
            0 => String::new(),
            1 => " and the table in it".to_owned(),
            n => format!(" and the {n} tables in it"),
        };
        out.push(
            Finding::new(
                DropSchema::META.name,
                cx.op.span,
                format!("Dropping schema `{name}`{holding} breaks every deployed version that uses them"),
            )
            .with_help(format!("archive what `{name}` holds and deploy code that no longer uses it before dropping it"))
            .with_object(format!("schema:{name}")),
        );
    }
}
