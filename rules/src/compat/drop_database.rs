//! `drop-database`: a migration that drops a database.

use sg_model::{Finding, OpKind};

use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration drops a database.
    ///
    /// ## What it does
    /// Reports `DROP DATABASE` in a migration.
    ///
    /// ## Why is this bad?
    /// Migrations run against production. A dropped database takes every table and every
    /// tenant's data with it; there is nothing to roll back to but a backup.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// DROP DATABASE analytics;
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE analytics_events (id bigint PRIMARY KEY);
    /// ```
    ///
    /// ## Fix
    /// Drop databases by hand, as an operation with its own review and backup, not in a
    /// migration.
    pub struct DropDatabase {
        name: "drop-database",
        category: Compat,
        severity: Error,
    }
}

impl Rule for DropDatabase {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::DropDatabase { name } = &cx.op.kind else { return };
        out.push(
            Finding::new(
                DropDatabase::META.name,
                cx.op.span,
                format!("This migration drops the database `{name}` and all its data"),
            )
            .with_help("drop databases by hand with their own review and backup, not in a migration")
            .with_object(format!("database:{name}")),
        );
    }
}
