//! `fk-cycle`: foreign keys that form a cycle.

use sg_model::{Finding, FkGraph};

use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// Foreign keys form a cycle between tables.
    ///
    /// ## What it does
    /// Builds the foreign-key graph of the stream's schema at its head and reports each
    /// cycle once, at the foreign key that closed it (the one created last), with every
    /// key of the cycle as a related location. A table that references itself (a tree of
    /// rows) is not a cycle.
    ///
    /// ## Why is this bad?
    /// Rows in a cycle cannot be inserted one table at a time, deleted one table at a
    /// time, or loaded table by table from a dump or a per-tenant export, unless a key in
    /// the cycle is nullable or deferrable. Cycles also make `ON DELETE CASCADE` chains
    /// and tenant data moves hard to reason about.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE accounts (id bigint PRIMARY KEY, owner_id bigint NOT NULL);
    /// CREATE TABLE users (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id));
    /// ALTER TABLE accounts ADD FOREIGN KEY (owner_id) REFERENCES users (id);
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE accounts (id bigint PRIMARY KEY);
    /// CREATE TABLE users (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id));
    /// CREATE TABLE account_owners (
    ///     account_id bigint PRIMARY KEY REFERENCES accounts (id),
    ///     user_id bigint NOT NULL REFERENCES users (id)
    /// );
    /// ```
    ///
    /// ## Fix
    /// Move one direction of the relationship into its own table, or make one key in the
    /// cycle nullable and `DEFERRABLE INITIALLY DEFERRED` so both rows can be written in
    /// one transaction.
    pub struct FkCycle {
        name: "fk-cycle",
        category: Graph,
        severity: Error,
    }
}

impl Rule for FkCycle {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        let graph = FkGraph::new(cx.head);
        let dialect = cx.stream.dialect;
        for cycle in graph.cycles() {
            let closing = graph.fk(&cycle.closing);
            let mut tables = vec![cycle.closing.table.display(dialect)];
            for edge in &cycle.path {
                tables.push(edge.table.display(dialect));
            }
            tables.push(cycle.closing.table.display(dialect));
            let chain = tables.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(" → ");
            let escape = cycle.path.iter().chain(std::iter::once(&cycle.closing)).any(|e| {
                let fk = graph.fk(e);
                let table = cx.head.table(&e.table);
                fk.deferrable || fk.columns.iter().any(|c| table.and_then(|t| t.column(c)).is_some_and(|c| c.nullable))
            });
            let describe = |edge: &sg_model::FkEdge| {
                let fk = graph.fk(edge);
                let cols = fk.columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
                format!(
                    "`{}` ({cols}) references `{}`",
                    edge.table.display(dialect),
                    fk.referenced_table.display(dialect)
                )
            };
            let mut finding = Finding::new(
                FkCycle::META.name,
                closing.origin.span,
                format!("Foreign keys form a cycle: {chain}"),
            )
            .with_help(if escape {
                "a key in the cycle is nullable or deferrable, so rows can still be written in two steps; consider moving one direction into its own table so tables can be loaded and deleted in order"
                    .to_owned()
            } else {
                "no row in this cycle can be inserted first; move one direction into its own table, or make one key nullable and DEFERRABLE INITIALLY DEFERRED"
                    .to_owned()
            })
            .with_object(format!("fk-cycle:{}", closing_id(&cycle.closing, closing)));
            finding =
                finding.with_related(closing.origin.span, format!("{} (closes the cycle)", describe(&cycle.closing)));
            for edge in &cycle.path {
                finding = finding.with_related(graph.fk(edge).origin.span, describe(edge));
            }
            out.push(finding);
        }
    }
}

fn closing_id(edge: &sg_model::FkEdge, fk: &sg_model::ForeignKey) -> String {
    format!("{}.{}", edge.table, fk.name)
}
