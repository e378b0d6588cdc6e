//! `missing-tenant-column`: a table that is neither tenant-scoped nor declared global.

use sg_model::Finding;

use super::{show, tenant_column};
use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A table is neither tenant-scoped nor listed as global.
    ///
    /// ## What it does
    /// With `[tenancy] require_classification = true`, reports every table that has no
    /// tenant column and is not matched by `[tenancy] global_tables`. Migration tools'
    /// own tables are ignored.
    ///
    /// ## Why is this bad?
    /// In a shared-schema multi-tenant database every table must be one or the other; a
    /// table that is neither usually lost its tenant column by mistake, and its rows are
    /// visible across tenants.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```toml,file=schemagraph.toml
    /// [tenancy]
    /// require_classification = true
    /// global_tables = ["plans"]
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000001_init.up.sql
    /// CREATE TABLE plans (id bigint PRIMARY KEY);
    /// CREATE TABLE notes (id bigint PRIMARY KEY, body text);
    /// ```
    ///
    /// ### Valid
    /// ```toml,file=schemagraph.toml
    /// [tenancy]
    /// require_classification = true
    /// global_tables = ["plans"]
    /// ```
    /// ```sql,file=migrations/000001_init.up.sql
    /// CREATE TABLE plans (id bigint PRIMARY KEY);
    /// CREATE TABLE notes (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, body text);
    /// ```
    ///
    /// ## Fix
    /// Add the tenant column, or list the table in `[tenancy] global_tables`.
    pub struct MissingTenantColumn {
        name: "missing-tenant-column",
        category: Tenancy,
        severity: Warning,
    }
}

impl Rule for MissingTenantColumn {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        let tenancy = &cx.settings.tenancy;
        if !tenancy.require_classification {
            return;
        }
        let column = tenancy.columns.first().map_or("tenant_id", String::as_str);
        for table in cx.head.tables.values() {
            let name = table.name.name.as_str();
            if tenant_column(cx.settings, table).is_some()
                || tenancy.is_global(name)
                || crate::support::is_tool_table(name)
            {
                continue;
            }
            let t = show(table, cx.stream.dialect);
            out.push(
                Finding::new(
                    MissingTenantColumn::META.name,
                    table.origin.span,
                    format!("Table `{t}` has no tenant column and is not listed as global"),
                )
                .with_help(format!(
                    "add `{column}` to `{t}`, or add \"{name}\" to `[tenancy] global_tables` in schemagraph.toml"
                ))
                .with_object(format!("table:{}", table.name)),
            );
        }
    }
}
