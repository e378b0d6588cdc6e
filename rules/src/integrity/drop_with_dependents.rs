//! `drop-with-dependents`: a DROP without CASCADE of an object others still depend on.

use sg_model::{Finding, ReplayEvent};

use super::{capitalized, describe, describe_dependent, object_id, standing_dependents};
use crate::{Rule, StreamContext, declare_rule};

/// How many dependents a message names before summing up the rest.
const SHOWN: usize = 3;

declare_rule! {
    /// A migration drops an object that other objects still depend on, without CASCADE.
    ///
    /// ## What it does
    /// Replays the stream and reports each `DROP TABLE`, `DROP VIEW`, `DROP TYPE`,
    /// `DROP SCHEMA`, `DROP INDEX`, `ALTER TABLE ... DROP COLUMN` and
    /// `ALTER TABLE ... DROP CONSTRAINT` written without CASCADE while something that
    /// exists at that point of the history depends on the object: a foreign key of
    /// another table that references the table, column, primary key or unique key; a view
    /// that reads the table or view; a column of the type; anything in the schema. The
    /// finding names the dependents and points at each. Objects the same statement drops
    /// too (`DROP TABLE orders, customers`) do not count. PostgreSQL only: it is the
    /// database that records these dependencies.
    ///
    /// ## Why is this bad?
    /// PostgreSQL refuses the statement ("cannot drop table customers because other
    /// objects depend on it"), so the migration fails on every database that ran the
    /// history, and the deploy stops there. Often the dependent was added by another
    /// branch after the drop was written.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE customers (id bigint PRIMARY KEY);
    /// CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));
    /// DROP TABLE customers;
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE customers (id bigint PRIMARY KEY);
    /// CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));
    /// ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;
    /// DROP TABLE customers;
    /// ```
    ///
    /// Both tables dropped by one statement:
    ///
    /// ```sql
    /// CREATE TABLE customers (id bigint PRIMARY KEY);
    /// CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));
    /// DROP TABLE customers, orders;
    /// ```
    ///
    /// ## Fix
    /// Drop the dependents first, in their own statements, so that the migration says what
    /// it removes; or add CASCADE once you have checked that everything it will remove
    /// (listed in the finding) is meant to go.
    pub struct DropWithDependents {
        name: "drop-with-dependents",
        category: Integrity,
        severity: Error,
    }
}

impl Rule for DropWithDependents {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        let dialect = cx.stream.dialect;
        for e in cx.events {
            let ReplayEvent::Blocked { key, span, dependents } = &e.event else { continue };
            let standing = standing_dependents(&cx.migrations[e.migration].up, *span, dependents, dialect);
            if standing.is_empty() {
                continue;
            }
            out.push(blocked_finding(DropWithDependents::META.name, key, *span, &standing, dialect));
        }
    }
}

/// The finding for a drop that PostgreSQL refuses, with each dependent as a related
/// location.
fn blocked_finding(
    rule: &'static str,
    key: &sg_model::ObjectKey,
    span: sg_model::Span,
    standing: &[&sg_model::Dependent],
    dialect: sg_model::Dialect,
) -> Finding {
    let what = describe(key, dialect);
    let mut names: Vec<String> = standing.iter().take(SHOWN).map(|d| describe_dependent(&d.key, dialect)).collect();
    if standing.len() > SHOWN {
        names.push(format!("{} more", standing.len() - SHOWN));
    }
    let list = match names.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    };
    let verb = if standing.len() == 1 { "depends" } else { "depend" };
    let mut f = Finding::new(
        rule,
        span,
        format!(
            "PostgreSQL refuses to drop {what} without CASCADE: {list} {verb} on it, so this migration fails"
        ),
    )
    .with_help(format!(
        "drop or change {} first, in its own statement; or add CASCADE if everything that depends on {what} is meant to go",
        if standing.len() == 1 { "the dependent" } else { "the dependents" }
    ))
    .with_object(object_id(key));
    for d in standing {
        f = f.with_related(
            d.origin.span,
            format!("{} is created here", capitalized(&describe_dependent(&d.key, dialect))),
        );
    }
    f
}
