//! `global-references-tenant`: a shared table pointing into one tenant's rows.

use sg_model::Finding;

use super::{show, tenant_column};
use crate::settings::TenancyMode;
use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A table without a tenant column references a tenant-scoped table.
    ///
    /// ## What it does
    /// At the head of each stream, reports foreign keys from a table that is not
    /// tenant-scoped (a global table, or one without the tenant column) to a tenant-scoped
    /// one.
    ///
    /// ## Why is this bad?
    /// Global rows are shared by every tenant; a global row that points at one tenant's row
    /// either leaks that row to everyone who reads the global one, or means the table is
    /// really per tenant and lacks its tenant column. Deleting the tenant also breaks on,
    /// or cascades through, the shared row.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE accounts (id bigint PRIMARY KEY, tenant_id bigint NOT NULL);
    /// CREATE TABLE feature_flags (name text PRIMARY KEY, owner_account_id bigint REFERENCES accounts (id));
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE plans (id bigint PRIMARY KEY, name text NOT NULL);
    /// CREATE TABLE accounts (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, plan_id bigint REFERENCES plans (id));
    /// ```
    ///
    /// ## Fix
    /// Give the referencing table a tenant column (it is per tenant), or move the relation
    /// into a tenant-scoped table.
    pub struct GlobalReferencesTenant {
        name: "global-references-tenant",
        category: Tenancy,
        severity: Warning,
    }
}

impl Rule for GlobalReferencesTenant {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        if cx.settings.tenancy.mode != TenancyMode::Row {
            return;
        }
        let d = cx.stream.dialect;
        for table in cx.head.tables.values() {
            if tenant_column(cx.settings, table).is_some() || crate::support::is_tool_table(table.name.name.key()) {
                continue;
            }
            for fk in &table.foreign_keys {
                let Some(target) = cx.head.table(&fk.referenced_table) else { continue };
                let Some(rc) = tenant_column(cx.settings, target) else { continue };
                let (t, r) = (show(table, d), show(target, d));
                out.push(
                    Finding::new(
                        GlobalReferencesTenant::META.name,
                        fk.origin.span,
                        format!("`{t}` has no tenant column but its foreign key `{}` points at tenant-scoped `{r}`", fk.name),
                    )
                    .with_related(target.origin.span, format!("`{r}` is tenant-scoped by `{rc}`"))
                    .with_help(format!(
                        "if `{t}` holds per-tenant rows, add `{rc}` to it and include it in the key; if it is shared, move this relation into a tenant-scoped table"
                    ))
                    .with_object(format!("fk:{}.{}", table.name, fk.name)),
                );
            }
        }
    }
}
