//! `revision-cycle`: revisions that, through `down_revision` and `depends_on`, come
//! before themselves.

use sg_model::Finding;

use super::RevisionGraph;
use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// Revisions form a cycle through `down_revision` or `depends_on`.
    ///
    /// ## What it does
    /// Finds every set of Alembic revisions in which each one, following `down_revision`
    /// and `depends_on`, leads back to itself, and reports each set once, at its last
    /// revision, with the others as related locations.
    ///
    /// ## Why is this bad?
    /// A cycle has no order to run in: Alembic reports a cycle and refuses to upgrade. The
    /// usual cause is a hand-edited `down_revision` after a rebase.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```python,file=migrations/env.py
    /// # the environment script
    /// ```
    /// ```python,file=migrations/versions/a1_users.py
    /// revision = "a1"
    /// down_revision = "b2"
    /// ```
    /// ```python,expect_diagnostic,file=migrations/versions/b2_email.py
    /// revision = "b2"
    /// down_revision = "a1"
    /// ```
    ///
    /// ### Valid
    /// ```python,file=migrations/env.py
    /// # the environment script
    /// ```
    /// ```python,file=migrations/versions/a1_users.py
    /// revision = "a1"
    /// down_revision = None
    /// ```
    /// ```python,file=migrations/versions/b2_email.py
    /// revision = "b2"
    /// down_revision = "a1"
    /// ```
    ///
    /// ## Fix
    /// Give the oldest revision of the cycle the `down_revision` it had before the edit
    /// (`None` for the first revision).
    pub struct RevisionCycle {
        name: "revision-cycle",
        category: Integrity,
        severity: Error,
    }
}

impl Rule for RevisionCycle {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        let Some(graph) = RevisionGraph::of(cx) else { return };
        let ms = cx.migrations;
        for cycle in graph.cycles() {
            let Some((&last, others)) = cycle.split_last() else { continue };
            let ids: Vec<&str> = cycle.iter().map(|&i| ms[i].version.as_str()).collect();
            let shown: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
            let mut finding = Finding::new(
                RevisionCycle::META.name,
                ms[last].parents_span,
                format!(
                    "Revisions {} come before themselves through `down_revision`/`depends_on`: Alembic cannot order them",
                    shown.join(", ")
                ),
            )
            .with_help("give the oldest revision of the cycle the `down_revision` it had before; a revision can only follow revisions that are older")
            .with_object(format!("cycle:{}", ids.join(",")));
            for &i in others {
                finding = finding.with_related(ms[i].parents_span, format!("`{}` is on the cycle", ms[i].version));
            }
            out.push(finding);
        }
    }
}
