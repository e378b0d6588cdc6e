//! `rls-disabled`: turning row-level security off.

use sg_model::{Finding, OpKind};

use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration disables row-level security on a table that had it.
    ///
    /// ## What it does
    /// Reports `ALTER TABLE ... DISABLE ROW LEVEL SECURITY` (and `NO FORCE ROW LEVEL
    /// SECURITY`) on a table whose row-level security was on (PostgreSQL).
    ///
    /// ## Why is this bad?
    /// Row-level security policies are what keep one tenant's queries from seeing another
    /// tenant's rows. Turning it off, even for a backfill, exposes every row to every
    /// session until it is turned back on, and a failed migration may leave it off.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_documents.up.sql
    /// CREATE TABLE documents (id bigint PRIMARY KEY, tenant_id bigint NOT NULL);
    /// ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
    /// CREATE POLICY tenant_isolation ON documents USING (tenant_id = current_setting('app.tenant_id')::bigint);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_backfill.up.sql
    /// ALTER TABLE documents DISABLE ROW LEVEL SECURITY;
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE documents (id bigint PRIMARY KEY, tenant_id bigint NOT NULL);
    /// ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
    /// CREATE POLICY tenant_isolation ON documents USING (tenant_id = current_setting('app.tenant_id')::bigint);
    /// ```
    ///
    /// ## Fix
    /// Run backfills as a role with `BYPASSRLS` instead of turning the policies off for
    /// everyone.
    pub struct RlsDisabled {
        name: "rls-disabled",
        category: Security,
        severity: Error,
    }
}

impl Rule for RlsDisabled {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::SetRls { table, enabled, forced } = &cx.op.kind else { return };
        let Some(t) = cx.table_before_op(table) else { return };
        let what = if *enabled == Some(false) && t.rls_enabled {
            "disables row-level security"
        } else if *forced == Some(false) && t.rls_forced {
            "stops forcing row-level security on the table owner"
        } else {
            return;
        };
        let qn = cx.resolve(table);
        let name = cx.show(&qn);
        out.push(
            Finding::new(
                RlsDisabled::META.name,
                cx.op.span,
                format!("This {what} on `{name}`: every session can then read every tenant's rows"),
            )
            .with_help("run the work that needs it as a role with BYPASSRLS instead of turning the policies off")
            .with_object(format!("rls:{qn}")),
        );
    }
}
