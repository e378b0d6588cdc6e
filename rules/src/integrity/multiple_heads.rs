//! `multiple-heads`: an Alembic history with more than one head revision.

use sg_model::Finding;

use super::RevisionGraph;
use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// The revision history has more than one head.
    ///
    /// ## What it does
    /// Finds the revisions of an Alembic environment that no other revision names as its
    /// `down_revision`: the heads. More than one is reported once, at the head that comes
    /// last, with the others as related locations. Independent branches that each carry
    /// their own `branch_labels` (Alembic's "multiple bases" setup) are intended and not
    /// reported; neither is a history with a missing parent, which `missing-revision`
    /// reports.
    ///
    /// ## Why is this bad?
    /// `alembic upgrade head` refuses to run when there are several heads ("Multiple head
    /// revisions are present"), so the next deploy fails. It happens when two branches of
    /// the code each add a revision on top of the same parent and both get merged.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```python,file=migrations/env.py
    /// # the environment script
    /// ```
    /// ```python,file=migrations/versions/a1_users.py
    /// revision = "a1"
    /// down_revision = None
    ///
    /// def upgrade():
    ///     op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))
    /// ```
    /// ```python,expect_diagnostic,file=migrations/versions/b2_email.py
    /// revision = "b2"
    /// down_revision = "a1"
    ///
    /// def upgrade():
    ///     op.add_column("users", sa.Column("email", sa.Text))
    /// ```
    /// ```python,file=migrations/versions/c3_name.py
    /// revision = "c3"
    /// down_revision = "a1"
    ///
    /// def upgrade():
    ///     op.add_column("users", sa.Column("name", sa.Text))
    /// ```
    ///
    /// ### Valid
    /// ```python,file=migrations/env.py
    /// # the environment script
    /// ```
    /// ```python,file=migrations/versions/a1_users.py
    /// revision = "a1"
    /// down_revision = None
    ///
    /// def upgrade():
    ///     op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))
    /// ```
    /// ```python,file=migrations/versions/b2_email.py
    /// revision = "b2"
    /// down_revision = "a1"
    ///
    /// def upgrade():
    ///     op.add_column("users", sa.Column("email", sa.Text))
    /// ```
    /// ```python,file=migrations/versions/c3_name.py
    /// revision = "c3"
    /// down_revision = "a1"
    ///
    /// def upgrade():
    ///     op.add_column("users", sa.Column("name", sa.Text))
    /// ```
    /// ```python,file=migrations/versions/d4_merge.py
    /// revision = "d4"
    /// down_revision = ("b2", "c3")
    ///
    /// def upgrade():
    ///     pass
    /// ```
    ///
    /// ## Fix
    /// Merge the heads: `alembic merge -m "merge heads" b2 c3` writes a revision whose
    /// `down_revision` names both.
    pub struct MultipleHeads {
        name: "multiple-heads",
        category: Integrity,
        severity: Error,
    }
}

impl Rule for MultipleHeads {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        let Some(graph) = RevisionGraph::of(cx) else { return };
        let ms = cx.migrations;
        // A revision whose parent is missing is a head of its own broken piece of history;
        // `missing-revision` reports the cause, and Alembic refuses that history anyway.
        let ids: std::collections::HashSet<&str> = ms.iter().map(|m| m.version.as_str()).collect();
        if ms.iter().any(|m| m.parents.iter().any(|p| !ids.contains(p.as_str()))) {
            return;
        }
        let heads: Vec<usize> = (0..ms.len()).filter(|&i| !graph.has_child[i]).collect();
        if heads.len() < 2 {
            return;
        }
        // Independent labelled branches: every head sits on a branch with a label of its
        // own, and no two heads share one.
        let labels: Vec<Vec<&str>> = heads.iter().map(|&h| branch_labels(cx, &graph, h)).collect();
        let intended = labels.iter().all(|l| !l.is_empty())
            && labels.iter().enumerate().all(|(i, a)| labels[i + 1..].iter().all(|b| a.iter().all(|x| !b.contains(x))));
        if intended {
            return;
        }
        let Some((&last, others)) = heads.split_last() else { return };
        let names: Vec<String> = heads.iter().map(|&h| format!("`{}`", ms[h].version)).collect();
        let ids: Vec<&str> = heads.iter().map(|&h| ms[h].version.as_str()).collect();
        let mut finding = Finding::new(
            MultipleHeads::META.name,
            ms[last].span,
            format!(
                "The history has {} heads ({}): `alembic upgrade head` fails with \"Multiple head revisions are present\"",
                heads.len(),
                names.join(", ")
            ),
        )
        .with_help(format!(
            "merge them with `alembic merge -m \"merge heads\" {}`, which adds a revision whose `down_revision` names each head",
            ids.join(" ")
        ))
        .with_object(format!("heads:{}", ids.join(",")));
        for &h in others {
            finding = finding.with_related(ms[h].span, format!("`{}` is also a head", ms[h].version));
        }
        out.push(finding);
    }
}

/// The branch labels on a revision and its ancestors.
fn branch_labels<'a>(cx: &StreamContext<'a>, graph: &RevisionGraph, start: usize) -> Vec<&'a str> {
    let mut seen = vec![false; cx.migrations.len()];
    let mut stack = vec![start];
    let mut out = Vec::new();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        out.extend(cx.migrations[i].branch_labels.iter().map(String::as_str));
        stack.extend(graph.edges[i].iter().copied());
    }
    out
}
