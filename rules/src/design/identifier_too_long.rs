//! `identifier-too-long`: a PostgreSQL name longer than 63 bytes, silently cut.

use sg_model::op::{ColumnDef, Constraint};
use sg_model::{Finding, Ident, OpKind, Span};

use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration names an object with more than 63 bytes, which PostgreSQL truncates.
    ///
    /// ## What it does
    /// Reports names of tables, columns, constraints, indexes, types, views, sequences,
    /// schemas and functions that are longer than 63 bytes in a PostgreSQL stream (squawk's
    /// `identifier-too-long`).
    ///
    /// ## Why is this bad?
    /// PostgreSQL cuts the name to 63 bytes with only a notice. The object then has a name
    /// nobody wrote: ORMs and schema-diff tools that compare the full name see a
    /// difference on every run, and two long names that share their first 63 bytes
    /// collide.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE subscriptions (
    ///     id bigint PRIMARY KEY,
    ///     number_of_days_before_the_renewal_reminder_is_sent_to_the_customer integer
    /// );
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE subscriptions (id bigint PRIMARY KEY, renewal_reminder_days integer);
    /// ```
    ///
    /// ## Fix
    /// Choose a name of at most 63 bytes (bytes, not characters: `é` takes two).
    pub struct IdentifierTooLong {
        name: "identifier-too-long",
        category: Design,
        severity: Warning,
    }
}

impl Rule for IdentifierTooLong {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        if !cx.is_postgres() {
            return;
        }
        let span = cx.op.span;
        let mut names: Vec<Named<'_>> = Vec::new();
        match &cx.op.kind {
            OpKind::CreateTable(ct) => {
                names.push(("table", &ct.name.name, span));
                for c in &ct.columns {
                    push_column(&mut names, c);
                }
                for k in &ct.constraints {
                    push_constraint(&mut names, k);
                }
            }
            OpKind::AddColumn { column: c, .. } => push_column(&mut names, c),
            OpKind::AddConstraint { constraint: k, .. } => push_constraint(&mut names, k),
            OpKind::RenameTable { new_name, .. } => names.push(("table", new_name, span)),
            OpKind::RenameColumn { new_name, .. } => names.push(("column", new_name, span)),
            OpKind::RenameConstraint { new_name, .. } => names.push(("constraint", new_name, span)),
            OpKind::RenameIndex { new_name, .. } => names.push(("index", new_name, span)),
            OpKind::CreateIndex(ci) => {
                if let Some(n) = &ci.name {
                    names.push(("index", n, span));
                }
            }
            OpKind::CreateEnum { name, .. } | OpKind::CreateDomain { name, .. } => {
                names.push(("type", &name.name, span))
            }
            OpKind::CreateView { name, .. } => names.push(("view", &name.name, span)),
            OpKind::CreateSequence { name, .. } => names.push(("sequence", &name.name, span)),
            OpKind::CreateFunction { name } => names.push(("function", &name.name, span)),
            OpKind::CreateSchema { name, .. } => names.push(("schema", name, span)),
            OpKind::CreateTrigger { name, .. } => names.push(("trigger", name, span)),
            OpKind::CreatePolicy { name, .. } => names.push(("policy", name, span)),
            _ => return,
        }
        for (kind, name, at) in names.into_iter().filter(|(_, n, _)| n.was_truncated()) {
            out.push(
                Finding::new(
                    IdentifierTooLong::META.name,
                    at,
                    format!(
                        "This {kind} name is longer than 63 bytes: PostgreSQL silently cuts it to `{name}`, so the object ends up with a name nobody wrote"
                    ),
                )
                .with_help(format!("choose a {kind} name of at most 63 bytes"))
                .with_object(format!("{kind}:{name}")),
            );
        }
    }
}

type Named<'a> = (&'static str, &'a Ident, Span);

fn push_column<'a>(names: &mut Vec<Named<'a>>, c: &'a ColumnDef) {
    names.push(("column", &c.name, c.span));
    for k in &c.constraints {
        push_constraint(names, k);
    }
}

fn push_constraint<'a>(names: &mut Vec<Named<'a>>, k: &'a Constraint) {
    if let Some(n) = &k.name {
        names.push(("constraint", n, k.span));
    }
}
