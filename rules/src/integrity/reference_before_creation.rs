//! `reference-before-creation`: a statement uses an object a later migration creates.

use sg_model::{Finding, ReplayEvent};

use super::{Creations, capitalized, describe, object_id};
use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A migration uses an object that a later migration creates.
    ///
    /// ## What it does
    /// Replays the stream in the order its tool applies it and reports each statement that
    /// uses a table, column, type or other object that does not exist yet but is created by
    /// a later migration (or later in the same migration). The finding points at the use
    /// and names the migration that creates the object.
    ///
    /// ## Why is this bad?
    /// On a fresh database (a new environment, a test run, a disaster recovery) the
    /// migrations run in version order and this one fails. Histories like this usually
    /// come from two branches merged with clashing version numbers, or from renumbering.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic,file=migrations/000001_orders.up.sql
    /// CREATE TABLE orders (
    ///     id bigint PRIMARY KEY,
    ///     customer_id bigint REFERENCES customers (id)
    /// );
    /// ```
    /// ```sql,file=migrations/000002_customers.up.sql
    /// CREATE TABLE customers (id bigint PRIMARY KEY);
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_customers.up.sql
    /// CREATE TABLE customers (id bigint PRIMARY KEY);
    /// ```
    /// ```sql,file=migrations/000002_orders.up.sql
    /// CREATE TABLE orders (
    ///     id bigint PRIMARY KEY,
    ///     customer_id bigint REFERENCES customers (id)
    /// );
    /// ```
    ///
    /// SQLite checks a foreign key's target only when rows are written, so a key may name
    /// a table that a later statement creates:
    ///
    /// ```sql,file=migrations/sqlite/000001_orders.up.sql
    /// CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers (id));
    /// CREATE TABLE customers (id integer PRIMARY KEY);
    /// ```
    ///
    /// ## Fix
    /// Create the object in a migration that runs first, or move the statement into a
    /// migration after the one that creates it.
    pub struct ReferenceBeforeCreation {
        name: "reference-before-creation",
        category: Integrity,
        severity: Error,
    }
}

impl Rule for ReferenceBeforeCreation {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        let creations = Creations::new(cx.events);
        for e in cx.events {
            let ReplayEvent::Missing { key, span } = &e.event else { continue };
            let Some(created) = creations.after(key, e.position) else { continue };
            let what = describe(key, cx.stream.dialect);
            let creator = cx.migrations[created.migration].label();
            let creation_span = match &created.event {
                ReplayEvent::Created { span, .. } => *span,
                _ => continue,
            };
            let when = if created.migration == e.migration {
                "later in this migration".to_owned()
            } else {
                format!("later, by migration `{creator}`")
            };
            out.push(
                Finding::new(
                    ReferenceBeforeCreation::META.name,
                    *span,
                    format!("{} is used before it exists: it is created {when}", capitalized(&what)),
                )
                .with_related(creation_span, format!("{what} is created here"))
                .with_help(format!(
                    "migrations run in order, so this fails on a fresh database; create {what} before this statement runs, or move the statement after `{creator}`"
                ))
                .with_object(object_id(key)),
            );
        }
    }
}
