//! `tenant-table-without-rls`: a tenant table the database does not isolate.

use sg_model::{Dialect, Finding};

use super::{show, tenant_column};
use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A tenant-scoped table has no row-level security, where the configuration requires it.
    ///
    /// ## What it does
    /// With `[tenancy] require_rls = true`, reports each tenant-scoped PostgreSQL table
    /// that does not have row-level security enabled at the head of the stream.
    ///
    /// ## Why is this bad?
    /// Teams that require RLS rely on the database, not each query, to keep tenants apart.
    /// A table without it is the one place a forgotten `WHERE tenant_id = ...` returns
    /// every tenant's rows.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```toml,file=schemagraph.toml
    /// [tenancy]
    /// require_rls = true
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000001_invoices.up.sql
    /// CREATE TABLE invoices (id bigint PRIMARY KEY, tenant_id bigint NOT NULL);
    /// ```
    ///
    /// ### Valid
    /// ```toml,file=schemagraph.toml
    /// [tenancy]
    /// require_rls = true
    /// ```
    /// ```sql,file=migrations/000001_invoices.up.sql
    /// CREATE TABLE invoices (id bigint PRIMARY KEY, tenant_id bigint NOT NULL);
    /// ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
    /// CREATE POLICY tenant_isolation ON invoices USING (tenant_id = current_setting('app.tenant_id')::bigint);
    /// ```
    ///
    /// ## Fix
    /// `ALTER TABLE t ENABLE ROW LEVEL SECURITY` and create a policy that compares the
    /// tenant column with the session's tenant.
    pub struct TenantTableWithoutRls {
        name: "tenant-table-without-rls",
        category: Tenancy,
        severity: Error,
    }
}

impl Rule for TenantTableWithoutRls {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        if !cx.settings.tenancy.require_rls || cx.stream.dialect != Dialect::Postgres {
            return;
        }
        for table in cx.head.tables.values() {
            let Some(tc) = tenant_column(cx.settings, table) else { continue };
            if table.rls_enabled {
                continue;
            }
            let t = show(table, cx.stream.dialect);
            out.push(
                Finding::new(
                    TenantTableWithoutRls::META.name,
                    table.origin.span,
                    format!("Tenant-scoped table `{t}` has no row-level security, which this project requires"),
                )
                .with_help(format!(
                    "add `ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;` and `CREATE POLICY tenant_isolation ON {t} USING ({tc} = current_setting('app.tenant_id')::bigint);` (with your session setting and type)"
                ))
                .with_object(format!("rls:{}", table.name)),
            );
        }
    }
}
