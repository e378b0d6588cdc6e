//! `missing-revision`: a revision names a parent or dependency that does not exist.

use sg_model::{Finding, Layout};

use super::RevisionGraph;
use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A revision's `down_revision` or `depends_on` names a revision that does not exist.
    ///
    /// ## What it does
    /// Checks every `down_revision` and `depends_on` entry of an Alembic environment
    /// against the revisions (and, for `depends_on`, the branch labels) the environment
    /// holds, and reports each one that names nothing.
    ///
    /// ## Why is this bad?
    /// Alembic refuses to load the history ("Revision ... referenced from ... is not
    /// present"), so every command fails, not only the upgrade. It usually means a
    /// revision file was deleted or renamed, or a branch was rebased onto a revision that
    /// was never merged.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```python,file=migrations/env.py
    /// # the environment script
    /// ```
    /// ```python,expect_diagnostic,file=migrations/versions/b2_email.py
    /// revision = "b2"
    /// down_revision = "a1"
    ///
    /// def upgrade():
    ///     op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))
    /// ```
    ///
    /// ### Valid
    /// ```python,file=migrations/env.py
    /// # the environment script
    /// ```
    /// ```python,file=migrations/versions/a1_base.py
    /// revision = "a1"
    /// down_revision = None
    /// ```
    /// ```python,file=migrations/versions/b2_email.py
    /// revision = "b2"
    /// down_revision = "a1"
    ///
    /// def upgrade():
    ///     op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))
    /// ```
    ///
    /// ## Fix
    /// Point `down_revision` at the revision this one really follows (`alembic history`
    /// lists them), or restore the missing file.
    pub struct MissingRevision {
        name: "missing-revision",
        category: Integrity,
        severity: Error,
    }
}

impl Rule for MissingRevision {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        if cx.stream.layout != Layout::Alembic {
            return;
        }
        let names = RevisionGraph::names(cx.migrations);
        let ids: std::collections::HashSet<&str> = cx.migrations.iter().map(|m| m.version.as_str()).collect();
        for m in cx.migrations {
            let missing_parents = m.parents.iter().filter(|p| !ids.contains(p.as_str())).map(|p| (p, "down_revision"));
            let missing_deps =
                m.depends_on.iter().filter(|d| !names.contains_key(d.as_str())).map(|d| (d, "depends_on"));
            for (name, field) in missing_parents.chain(missing_deps) {
                out.push(
                    Finding::new(
                        MissingRevision::META.name,
                        m.parents_span,
                        format!(
                            "Revision `{}` names `{name}` in its `{field}`, but no revision `{name}` exists: Alembic refuses to load the history",
                            m.version
                        ),
                    )
                    .with_help(format!(
                        "point `{field}` of `{}` at an existing revision (`alembic history` lists them), or restore the file of `{name}`",
                        m.version
                    ))
                    .with_object(format!("revision:{}:{field}:{name}", m.version)),
                );
            }
        }
    }
}
