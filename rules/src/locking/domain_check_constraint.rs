//! `domain-check-constraint`: a constraint added to a domain that columns already use.

use sg_model::{Finding, OpKind, TypeFamily};

use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration adds a constraint to a domain that existing columns use.
    ///
    /// ## What it does
    /// Reports PostgreSQL's `ALTER DOMAIN ... ADD CONSTRAINT` (without `NOT VALID`) and
    /// `ALTER DOMAIN ... SET NOT NULL` on a domain an earlier migration created, when
    /// columns of existing tables use it, and names those columns (squawk's
    /// `ban-alter-domain-with-add-constraint`; its `ban-create-domain-with-constraint`
    /// warns at `CREATE DOMAIN` about this later cost, which schemagraph reports when it
    /// is paid). A domain nothing uses yet is not reported.
    ///
    /// ## Why is this bad?
    /// PostgreSQL checks every row of every column of the domain, holding a SHARE lock on
    /// each of their tables: no row of them can be inserted, updated or deleted until all
    /// are checked.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_init.up.sql
    /// CREATE DOMAIN amount AS numeric(12, 2);
    /// CREATE TABLE invoices (id bigint PRIMARY KEY, total amount NOT NULL);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_positive.up.sql
    /// ALTER DOMAIN amount ADD CONSTRAINT amount_positive CHECK (VALUE >= 0);
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_init.up.sql
    /// CREATE DOMAIN amount AS numeric(12, 2);
    /// CREATE TABLE invoices (id bigint PRIMARY KEY, total amount NOT NULL);
    /// ```
    /// ```sql,file=migrations/000002_positive.up.sql
    /// ALTER DOMAIN amount ADD CONSTRAINT amount_positive CHECK (VALUE >= 0) NOT VALID;
    /// ```
    /// ```sql,file=migrations/000003_validate.up.sql
    /// ALTER DOMAIN amount VALIDATE CONSTRAINT amount_positive;
    /// ```
    ///
    /// ## Fix
    /// Add the constraint with `NOT VALID`, which checks only new values, and
    /// `ALTER DOMAIN ... VALIDATE CONSTRAINT` it in a later migration, which does not block
    /// writes.
    pub struct DomainCheckConstraint {
        name: "domain-check-constraint",
        category: Locking,
        severity: Warning,
    }
}

impl Rule for DomainCheckConstraint {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::DomainConstraint { name } = &cx.op.kind else { return };
        if !cx.is_postgres() {
            return;
        }
        let qn = cx.resolve(name);
        let Some(origin) = cx.before.other_types.get(&qn) else { return };
        if origin.migration >= cx.migration_index {
            return;
        }
        // Column types name a domain the way `format_type` prints it: unqualified in
        // `public`, qualified elsewhere.
        let spelled = cx.show(&qn);
        let mut tables: Vec<String> = Vec::new();
        let mut users: Vec<String> = Vec::new();
        for t in cx.before.tables.values().filter(|t| t.origin.migration < cx.migration_index) {
            for c in &t.columns {
                if matches!(&c.ty.family, TypeFamily::Named(n) if *n == spelled || *n == qn.to_string()) {
                    let table = cx.show(&t.name);
                    users.push(format!("`{table}.{}`", c.name));
                    if !tables.contains(&table) {
                        tables.push(table);
                    }
                }
            }
        }
        if users.is_empty() {
            return;
        }
        let locks = if tables.len() == 1 {
            format!("a SHARE lock that blocks writes to `{}`", tables[0])
        } else {
            format!(
                "SHARE locks that block writes to {}",
                tables.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")
            )
        };
        out.push(
            Finding::new(
                DomainCheckConstraint::META.name,
                cx.op.span,
                format!(
                    "Constraining domain `{spelled}` checks every value of {} while holding {locks}",
                    users.join(", ")
                ),
            )
            .with_help(format!(
                "add the constraint with `NOT VALID` (for NOT NULL, a `CHECK (VALUE IS NOT NULL) NOT VALID`) and run `ALTER DOMAIN {spelled} VALIDATE CONSTRAINT ...` in a later migration"
            ))
            .with_object(format!("domain:{qn}")),
        );
    }
}
