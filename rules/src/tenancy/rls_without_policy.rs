//! `rls-without-policy`: row-level security on, and no policy.

use sg_model::{Dialect, Finding, OpKind};

use super::show;
use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A table has row-level security enabled but no policy.
    ///
    /// ## What it does
    /// Reports PostgreSQL tables that have row-level security enabled and no policy at the
    /// head of the stream, at the statement that enabled it. When a statement schemagraph
    /// could not read (dynamic SQL in a DO block) may create policies, nothing is reported.
    ///
    /// ## Why is this bad?
    /// With RLS on and no policy, PostgreSQL denies every row to every role except the
    /// table's owner and roles with BYPASSRLS. The application either sees nothing, or, if
    /// it connects as the owner, RLS protects nothing at all. Either way the intent is lost.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE invoices (id bigint PRIMARY KEY, tenant_id bigint NOT NULL);
    /// ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE invoices (id bigint PRIMARY KEY, tenant_id bigint NOT NULL);
    /// ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
    /// CREATE POLICY tenant_isolation ON invoices USING (tenant_id = current_setting('app.tenant_id')::bigint);
    /// ```
    ///
    /// ## Fix
    /// Create the policy in the same migration that enables RLS.
    pub struct RlsWithoutPolicy {
        name: "rls-without-policy",
        category: Tenancy,
        severity: Warning,
    }
}

impl Rule for RlsWithoutPolicy {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        if cx.stream.dialect != Dialect::Postgres {
            return;
        }
        for table in cx.head.tables.values() {
            if !table.rls_enabled || !table.policies.is_empty() {
                continue;
            }
            // Point at the last statement that enabled it, when there is one by this name.
            let enabled_at = cx
                .migrations
                .iter()
                .flat_map(|m| &m.up)
                .rfind(|op| {
                    matches!(&op.kind, OpKind::SetRls { table: t, enabled: Some(true), .. }
                        if t.resolve(cx.stream.dialect) == table.name)
                })
                .map_or(table.origin.span, |op| op.span);
            // A statement schemagraph could not read (dynamic SQL, say) may create the policy;
            // then its absence is not known.
            let maybe_created = cx.migrations.iter().flat_map(|m| &m.up).any(
                |op| matches!(&op.kind, OpKind::Opaque { reason } if reason.to_ascii_lowercase().contains("policy")),
            );
            if maybe_created {
                continue;
            }
            let t = show(table, cx.stream.dialect);
            out.push(
                Finding::new(
                    RlsWithoutPolicy::META.name,
                    enabled_at,
                    format!("Row-level security is enabled on `{t}` but no policy exists: non-owner roles see no rows and the owner sees all"),
                )
                .with_help(format!("create a policy, e.g. `CREATE POLICY tenant_isolation ON {t} USING (tenant_id = current_setting('app.tenant_id')::bigint);`"))
                .with_object(format!("rls:{}", table.name)),
            );
        }
    }
}
