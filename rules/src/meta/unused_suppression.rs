//! `unused-suppression`: reported by the engine when it applies suppressions.

use crate::{Rule, declare_rule};

declare_rule! {
    /// A suppression comment suppresses nothing.
    ///
    /// ## What it does
    /// Reports each rule named in a `schemagraph: allow` comment that suppressed no
    /// finding, and each name that is not a rule or category at all. Rules that are turned
    /// off in the configuration are not reported.
    ///
    /// ## Why is this bad?
    /// A stale suppression hides the next real finding at that place, and a misspelled
    /// one never worked. Suppressions should say exactly what they allow.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// -- schemagraph: allow fk-cycle -- accounts and owners point at each other on purpose
    /// CREATE TABLE accounts (id bigint PRIMARY KEY);
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE accounts (id bigint PRIMARY KEY);
    /// -- schemagraph: allow dangling-reference -- `audit_events` is created by the audit service
    /// ALTER TABLE audit_events ADD COLUMN account_id bigint;
    /// ```
    ///
    /// ## Fix
    /// Remove the name from the comment, or the whole comment when nothing in it is used;
    /// the finding carries that edit as a fix.
    pub struct UnusedSuppression {
        name: "unused-suppression",
        category: Meta,
        severity: Warning,
    }
}

impl Rule for UnusedSuppression {}
