//! `tenant-unique-without-tenant-key`: uniqueness across tenants where it should be within one.

use sg_model::op::IndexKey;
use sg_model::{Finding, Span};

use super::{show, tenant_column};
use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A unique key on a tenant-scoped table leaves the tenant column out.
    ///
    /// ## What it does
    /// At the head of each stream, reports unique constraints and unique indexes of
    /// tenant-scoped tables that do not include the tenant column. Primary keys are not
    /// reported: a surrogate id is meant to be unique everywhere.
    ///
    /// ## Why is this bad?
    /// `UNIQUE (email)` on a tenant table means two tenants cannot have a user with the
    /// same email: the second signup fails, and the error tells it the address exists,
    /// leaking another tenant's data.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE users (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, email text NOT NULL UNIQUE);
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, email text NOT NULL, UNIQUE (tenant_id, email));
    /// ```
    ///
    /// ## Fix
    /// Put the tenant column first in the key: `UNIQUE (tenant_id, email)`.
    pub struct TenantUniqueWithoutTenantKey {
        name: "tenant-unique-without-tenant-key",
        category: Tenancy,
        severity: Warning,
    }
}

impl Rule for TenantUniqueWithoutTenantKey {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        let d = cx.stream.dialect;
        for table in cx.head.tables.values() {
            let Some(tc) = tenant_column(cx.settings, table) else { continue };
            let mut keys: Vec<(String, Vec<String>, Span)> = table
                .uniques
                .iter()
                .filter(|u| !u.columns.contains(tc))
                .map(|u| (u.name.to_string(), u.columns.iter().map(ToString::to_string).collect(), u.origin.span))
                .collect();
            keys.extend(
                table
                    .indexes
                    .iter()
                    .filter(|ix| ix.unique && !ix.keys.iter().any(|k| matches!(k, IndexKey::Column(c) if c == tc)))
                    .map(|ix| (ix.name.to_string(), ix.keys.iter().map(IndexKey::text).collect(), ix.origin.span)),
            );
            let t = show(table, d);
            for (name, cols, span) in keys {
                let cols = cols.join(", ");
                out.push(
                    Finding::new(
                        TenantUniqueWithoutTenantKey::META.name,
                        span,
                        format!(
                            "Unique key `{name}` on ({cols}) of tenant-scoped `{t}` leaves out `{tc}`: a value used by one tenant is refused for every other"
                        ),
                    )
                    .with_help(format!("include the tenant column: `UNIQUE ({tc}, {cols})`"))
                    .with_object(format!("unique:{}.{name}", table.name)),
                );
            }
        }
    }
}
