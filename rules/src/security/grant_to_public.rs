//! `grant-to-public`: privileges granted to every database role.

use sg_model::{Finding, OpKind};

use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration grants privileges to PUBLIC.
    ///
    /// ## What it does
    /// Reports `GRANT ... TO PUBLIC`.
    ///
    /// ## Why is this bad?
    /// PUBLIC is every role in the database, present and future: reporting users, other
    /// services, and in a shared database, roles that act for other tenants. Access should
    /// go to the roles that need it.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE invoices (id bigint PRIMARY KEY);
    /// GRANT SELECT ON invoices TO PUBLIC;
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE invoices (id bigint PRIMARY KEY);
    /// GRANT SELECT ON invoices TO billing_reader;
    /// ```
    ///
    /// ## Fix
    /// Grant to a named role, and grant that role to the users who need it.
    pub struct GrantToPublic {
        name: "grant-to-public",
        category: Security,
        severity: Warning,
    }
}

impl Rule for GrantToPublic {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::Grant { privileges, object, grantees } = &cx.op.kind else { return };
        if !grantees.iter().any(|g| g.trim().eq_ignore_ascii_case("public")) {
            return;
        }
        out.push(
            Finding::new(
                GrantToPublic::META.name,
                cx.op.span,
                format!("`GRANT {privileges} ON {object} TO PUBLIC` gives every role in the database access, including roles of other services and tenants"),
            )
            .with_help("grant to a named role that only the users who need it are members of")
            .with_object(format!("grant:{object}:{privileges}")),
        );
    }
}
