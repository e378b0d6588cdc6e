//! `truncate-cascade`: TRUNCATE ... CASCADE that empties tables it does not name.

use std::collections::BTreeSet;

use sg_model::op::DataChangeKind;
use sg_model::{Finding, OpKind, QualifiedName, Span};

use crate::support::table_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration truncates a table with CASCADE, emptying the tables that reference it.
    ///
    /// ## What it does
    /// Reports PostgreSQL's `TRUNCATE ... CASCADE` when, at that point of the history, other
    /// tables have foreign keys to the truncated one (directly or through other tables), and
    /// names them (squawk's `ban-truncate-cascade`). A `CASCADE` on a table nothing
    /// references empties nothing else and is not reported.
    ///
    /// ## Why is this bad?
    /// `CASCADE` silently empties every referencing table too, whatever they hold, and
    /// takes an ACCESS EXCLUSIVE lock on each of them. The list grows as later migrations
    /// add foreign keys, so a statement written to clear a scratch table can wipe
    /// production data.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_init.up.sql
    /// CREATE TABLE plans (id bigint PRIMARY KEY);
    /// CREATE TABLE subscriptions (id bigint PRIMARY KEY, plan_id bigint REFERENCES plans (id));
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_reset_plans.up.sql
    /// TRUNCATE plans CASCADE;
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_init.up.sql
    /// CREATE TABLE plans (id bigint PRIMARY KEY);
    /// CREATE TABLE subscriptions (id bigint PRIMARY KEY, plan_id bigint REFERENCES plans (id));
    /// ```
    /// ```sql,file=migrations/000002_reset_plans.up.sql
    /// TRUNCATE subscriptions, plans;
    /// ```
    ///
    /// ## Fix
    /// Name every table to empty in the `TRUNCATE`, so the migration says what it deletes;
    /// without `CASCADE`, PostgreSQL refuses when a table it does not name references one it
    /// does.
    pub struct TruncateCascade {
        name: "truncate-cascade",
        category: Locking,
        severity: Warning,
    }
}

impl Rule for TruncateCascade {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::DataChange { kind: DataChangeKind::TruncateCascade, table: Some(table), .. } = &cx.op.kind else {
            return;
        };
        if !cx.is_postgres() {
            return;
        }
        let root = cx.resolve(table);
        // Tables named in the same statement are emptied on purpose.
        let named: BTreeSet<QualifiedName> = cx
            .earlier_ops()
            .iter()
            .chain(cx.later_ops())
            .filter(|op| op.span == cx.op.span)
            .filter_map(|op| match &op.kind {
                OpKind::DataChange { kind: DataChangeKind::TruncateCascade, table: Some(t), .. } => Some(cx.resolve(t)),
                _ => None,
            })
            .chain(std::iter::once(root.clone()))
            .collect();
        // Every table that reaches the truncated one through foreign keys.
        let mut reached: Vec<(QualifiedName, Span)> = Vec::new();
        let mut frontier = vec![root.clone()];
        let mut seen: BTreeSet<QualifiedName> = named.clone();
        while let Some(target) = frontier.pop() {
            for t in cx.before.tables.values() {
                if seen.contains(&t.name) {
                    continue;
                }
                if let Some(fk) = t.foreign_keys.iter().find(|fk| fk.referenced_table == target) {
                    seen.insert(t.name.clone());
                    reached.push((t.name.clone(), fk.origin.span));
                    frontier.push(t.name.clone());
                }
            }
        }
        if reached.is_empty() {
            return;
        }
        let t = cx.show(&root);
        let names = and_list(&reached.iter().map(|(n, _)| format!("`{}`", cx.show(n))).collect::<Vec<_>>());
        let (whose, each) = if reached.len() == 1 {
            ("whose foreign key leads", "it too")
        } else {
            ("whose foreign keys lead", "each of them")
        };
        let mut finding = Finding::new(
            TruncateCascade::META.name,
            cx.op.span,
            format!(
                "`TRUNCATE {t} CASCADE` also empties {names}, {whose} to `{t}`, and takes an ACCESS EXCLUSIVE lock on {each}"
            ),
        )
        .with_help(format!(
            "name the tables to empty (`TRUNCATE {}`) and drop CASCADE, so the migration says what it deletes",
            reached.iter().map(|(n, _)| cx.show(n)).chain(std::iter::once(t.clone())).collect::<Vec<_>>().join(", ")
        ))
        .with_object(table_object(&root));
        for (name, span) in &reached {
            finding = finding.with_related(*span, format!("`{}` references it here", cx.show(name)));
        }
        out.push(finding);
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
