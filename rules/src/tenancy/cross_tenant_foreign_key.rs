//! `cross-tenant-foreign-key`: a foreign key that lets a row point at another tenant's row.

use sg_model::Finding;

use super::{join, show, tenant_column};
use crate::settings::TenancyMode;
use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A foreign key between tenant-scoped tables leaves the tenant column out.
    ///
    /// ## What it does
    /// At the head of each stream, for every foreign key from a tenant-scoped table to a
    /// tenant-scoped table (tables with a `[tenancy] columns` column, `tenant_id` by
    /// default, that are not listed as global), checks that the key includes the tenant
    /// column on both sides, paired: `(tenant_id, project_id) REFERENCES projects
    /// (tenant_id, id)`. Self-references count: a parent row can belong to another tenant
    /// too.
    ///
    /// ## Why is this bad?
    /// With `FOREIGN KEY (project_id) REFERENCES projects (id)` the database accepts a task
    /// of tenant A that points at a project of tenant B. One bug, one forged id in an API
    /// call, and data crosses tenants; joins through the key then leak it. Including the
    /// tenant column makes the database refuse it.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE projects (id bigint PRIMARY KEY, tenant_id bigint NOT NULL);
    /// CREATE TABLE tasks (
    ///     id bigint PRIMARY KEY,
    ///     tenant_id bigint NOT NULL,
    ///     project_id bigint NOT NULL REFERENCES projects (id)
    /// );
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE projects (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, UNIQUE (tenant_id, id));
    /// CREATE TABLE tasks (
    ///     id bigint PRIMARY KEY,
    ///     tenant_id bigint NOT NULL,
    ///     project_id bigint NOT NULL,
    ///     FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
    /// );
    /// ```
    ///
    /// ## Fix
    /// Make the key composite with the tenant column on both sides; the referenced table
    /// needs a unique key on `(tenant_id, id)`.
    pub struct CrossTenantForeignKey {
        name: "cross-tenant-foreign-key",
        category: Tenancy,
        severity: Error,
    }
}

impl Rule for CrossTenantForeignKey {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        if cx.settings.tenancy.mode != TenancyMode::Row {
            return;
        }
        let d = cx.stream.dialect;
        for table in cx.head.tables.values() {
            let Some(tc) = tenant_column(cx.settings, table) else { continue };
            for fk in &table.foreign_keys {
                let Some(target) = cx.head.table(&fk.referenced_table) else { continue };
                let Some(rc) = tenant_column(cx.settings, target) else { continue };
                let paired = fk.columns.iter().zip(&fk.referenced_columns).any(|(c, r)| c == tc && r == rc);
                if paired {
                    continue;
                }
                let (t, r) = (show(table, d), show(target, d));
                let mut cols = vec![tc.clone()];
                cols.extend(fk.columns.iter().filter(|c| *c != tc).cloned());
                let mut refs = vec![rc.clone()];
                refs.extend(fk.referenced_columns.iter().filter(|c| *c != rc).cloned());
                let replace = format!(
                    "`ALTER TABLE {t} DROP CONSTRAINT {name}, ADD CONSTRAINT {name} FOREIGN KEY ({}) REFERENCES {r} ({})`",
                    join(&cols),
                    join(&refs),
                    name = fk.name,
                );
                let fix = if target.has_unique_key(&refs) {
                    format!("include `{tc}` on both sides: {replace}")
                } else {
                    format!(
                        "include `{tc}` on both sides: first `ALTER TABLE {r} ADD UNIQUE ({})`, then {replace}",
                        join(&refs)
                    )
                };
                out.push(
                    Finding::new(
                        CrossTenantForeignKey::META.name,
                        fk.origin.span,
                        format!(
                            "Foreign key `{}` from `{t}` ({}) to `{r}` leaves out `{tc}`: a row of one tenant can point at another tenant's row",
                            fk.name,
                            join(&fk.columns)
                        ),
                    )
                    .with_related(target.origin.span, format!("`{r}` is tenant-scoped by `{rc}`"))
                    .with_help(fix)
                    .with_object(format!("fk:{}.{}", table.name, fk.name)),
                );
            }
        }
    }
}
