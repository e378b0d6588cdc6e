//! `duplicate-version`: two migrations of a stream share a version.

use std::collections::BTreeMap;

use sg_model::Finding;

use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// Two migrations of one stream have the same version.
    ///
    /// ## What it does
    /// Reports every migration whose version (the number or timestamp in its file name,
    /// or its revision id) is already used by another migration of the same stream.
    /// Versions compare as numbers: `0002` and `2` are the same version, and so are
    /// Flyway's `V1.0` and `V1`. Alembic revision ids compare as written.
    ///
    /// ## Why is this bad?
    /// Migration tools record applied versions, not files. Depending on the tool, the
    /// second migration is refused, silently skipped on databases that already ran the
    /// first, or applied in an order decided by file name. Two branches that each added
    /// "the next" migration is the usual cause.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_add_email.up.sql
    /// ALTER TABLE users ADD COLUMN email text;
    /// ```
    /// ```sql,file=migrations/000002_add_name.up.sql
    /// ALTER TABLE users ADD COLUMN name text;
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY);
    /// ```
    /// ```sql,file=migrations/000002_add_email.up.sql
    /// ALTER TABLE users ADD COLUMN email text;
    /// ```
    /// ```sql,file=migrations/000003_add_name.up.sql
    /// ALTER TABLE users ADD COLUMN name text;
    /// ```
    ///
    /// ### Invalid (Alembic)
    /// Two revision files with the same `revision` id:
    /// ```python,file=alembic/env.py
    /// # the environment script
    /// ```
    /// ```python,file=alembic/versions/1a2b_users.py
    /// revision = "1a2b"
    /// down_revision = None
    /// ```
    /// ```python,expect_diagnostic,file=alembic/versions/1a2b_orders.py
    /// revision = "1a2b"
    /// down_revision = None
    /// ```
    ///
    /// ## Fix
    /// Give the newer migration the next free version (for Alembic, a fresh revision id).
    pub struct DuplicateVersion {
        name: "duplicate-version",
        category: Integrity,
        severity: Error,
    }
}

/// What two migrations must share to be the same version.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum VersionId<'a> {
    Number(&'a [sg_model::migration::VersionNumber]),
    Id(&'a str),
}

impl Rule for DuplicateVersion {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        let mut seen: BTreeMap<VersionId<'_>, usize> = BTreeMap::new();
        for (i, m) in cx.migrations.iter().enumerate() {
            if m.key.repeatable {
                continue;
            }
            // Numbered layouts compare versions as numbers (`0002` is `2`); revision ids
            // (Alembic), which carry no number, compare as written.
            let id =
                if m.key.version.is_empty() { VersionId::Id(&m.version) } else { VersionId::Number(&m.key.version) };
            match seen.get(&id) {
                None => {
                    seen.insert(id, i);
                }
                Some(&first) => {
                    let first = &cx.migrations[first];
                    out.push(
                        Finding::new(
                            DuplicateVersion::META.name,
                            m.span,
                            format!(
                                "Version `{}` is used twice: by `{}` and by `{}`",
                                m.version,
                                first.label(),
                                m.label()
                            ),
                        )
                        .with_related(first.span, format!("`{}` has the same version", first.label()))
                        .with_help(format!(
                            "give `{}` the next free version; tools record versions, so one of the two is refused or skipped on databases that ran the other",
                            m.label()
                        ))
                        .with_object(format!("version:{}", m.version)),
                    );
                }
            }
        }
    }
}
