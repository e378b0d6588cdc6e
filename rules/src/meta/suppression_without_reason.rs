//! `suppression-without-reason`: reported by the engine when it reads suppressions.

use crate::{Rule, declare_rule};

declare_rule! {
    /// A suppression comment gives no reason.
    ///
    /// ## What it does
    /// Reports a `schemagraph: allow RULE` comment without ` -- reason` after the rule
    /// names. The suppression still applies.
    ///
    /// ## Why is this bad?
    /// A suppression is a decision a reviewer has to trust later. Without a reason nobody
    /// can tell whether the finding was judged safe or silenced to get CI green, and copied
    /// suppressions spread.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE accounts (id bigint PRIMARY KEY);
    /// -- schemagraph: allow dangling-reference
    /// ALTER TABLE audit_events ADD COLUMN account_id bigint;
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE accounts (id bigint PRIMARY KEY);
    /// -- schemagraph: allow dangling-reference -- `audit_events` is created by the audit service
    /// ALTER TABLE audit_events ADD COLUMN account_id bigint;
    /// ```
    pub struct SuppressionWithoutReason {
        name: "suppression-without-reason",
        category: Meta,
        severity: Warning,
    }
}

impl Rule for SuppressionWithoutReason {}
