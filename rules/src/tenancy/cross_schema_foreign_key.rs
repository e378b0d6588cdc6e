//! `cross-schema-foreign-key`: in schema-per-tenant designs, a key into another tenant's schema.

use sg_model::Finding;

use super::show;
use crate::settings::TenancyMode;
use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A foreign key points into another tenant's schema.
    ///
    /// ## What it does
    /// With `[tenancy] mode = "schema"` (each tenant has its own schema; shared tables live
    /// in `[tenancy] shared_schemas`, `public` by default), reports foreign keys whose
    /// referenced table is in a tenant schema other than the referencing table's own.
    ///
    /// ## Why is this bad?
    /// A key from one tenant's schema into another's ties their data together: one
    /// tenant's rows now depend on another's, schema-level backup, restore, move or drop
    /// of a tenant fails or cascades, and the data crosses the boundary the design exists
    /// to keep.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```toml,file=schemagraph.toml
    /// [tenancy]
    /// mode = "schema"
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000001_tenants.up.sql
    /// CREATE SCHEMA tenant_acme;
    /// CREATE SCHEMA tenant_globex;
    /// CREATE TABLE tenant_acme.projects (id bigint PRIMARY KEY);
    /// CREATE TABLE tenant_globex.tasks (id bigint PRIMARY KEY, project_id bigint REFERENCES tenant_acme.projects (id));
    /// ```
    ///
    /// ### Valid
    /// ```toml,file=schemagraph.toml
    /// [tenancy]
    /// mode = "schema"
    /// ```
    /// ```sql,file=migrations/000001_tenants.up.sql
    /// CREATE TABLE plans (id bigint PRIMARY KEY);
    /// CREATE SCHEMA tenant_acme;
    /// CREATE TABLE tenant_acme.projects (id bigint PRIMARY KEY, plan_id bigint REFERENCES public.plans (id));
    /// CREATE TABLE tenant_acme.tasks (id bigint PRIMARY KEY, project_id bigint REFERENCES tenant_acme.projects (id));
    /// ```
    ///
    /// ## Fix
    /// Keep keys inside a tenant's schema, or point them at shared tables.
    pub struct CrossSchemaForeignKey {
        name: "cross-schema-foreign-key",
        category: Tenancy,
        severity: Error,
    }
}

impl Rule for CrossSchemaForeignKey {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        let tenancy = &cx.settings.tenancy;
        if tenancy.mode != TenancyMode::Schema {
            return;
        }
        let shared = |schema: Option<&str>| {
            schema.is_none_or(|s| tenancy.shared_schemas.iter().any(|x| crate::settings::glob_match(x, s)))
        };
        let d = cx.stream.dialect;
        for table in cx.head.tables.values() {
            let from = table.name.schema_str();
            for fk in &table.foreign_keys {
                let to = fk.referenced_table.schema_str();
                if to == from || shared(to) {
                    continue;
                }
                let t = show(table, d);
                let r = fk.referenced_table.display(d);
                let whose = if shared(from) {
                    "a shared table".to_owned()
                } else {
                    format!("tenant schema `{}`", from.unwrap_or(""))
                };
                out.push(
                    Finding::new(
                        CrossSchemaForeignKey::META.name,
                        fk.origin.span,
                        format!(
                            "Foreign key `{}` of `{t}` in {whose} references `{r}` in tenant schema `{}`",
                            fk.name,
                            to.unwrap_or("")
                        ),
                    )
                    .with_help("keep foreign keys inside one tenant's schema, or reference tables in a shared schema")
                    .with_object(format!("fk:{}.{}", table.name, fk.name)),
                );
            }
        }
    }
}
