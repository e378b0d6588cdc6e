//! `uniqueness-on-existing-data`: a unique index or constraint on rows already there.

use sg_model::op::{ConstraintKind, IndexKey};
use sg_model::{Finding, OpKind, Table};

use crate::support::table_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration adds a unique index or constraint to a table that already holds rows.
    ///
    /// ## What it does
    /// Reports `CREATE UNIQUE INDEX` and `ADD UNIQUE` / `ADD PRIMARY KEY` on a table an
    /// earlier migration created (Atlas MF101). Unique keys on tables created in the same
    /// migration are not reported.
    ///
    /// ## Why is this bad?
    /// If existing rows hold duplicates the migration fails on that environment, often only
    /// in production, where the data is. A concurrent index build that fails also leaves an
    /// invalid index behind.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_unique_email.up.sql
    /// CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text);
    /// CREATE UNIQUE INDEX users_email_key ON users (email);
    /// ```
    ///
    /// A key the rows already satisfied, rebuilt under another name (or wider) in the same
    /// migration:
    ///
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text);
    /// CREATE UNIQUE INDEX users_email_idx ON users (email);
    /// ```
    /// ```sql,file=migrations/000002_rename_key.up.sql
    /// DROP INDEX users_email_idx;
    /// ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
    /// ```
    ///
    /// ## Fix
    /// Check for duplicates first (`SELECT email, count(*) FROM users GROUP BY 1 HAVING
    /// count(*) > 1`), clean them up, and deploy code that prevents new ones before the
    /// migration runs.
    pub struct UniquenessOnExistingData {
        name: "uniqueness-on-existing-data",
        category: Compat,
        severity: Note,
    }
}

impl Rule for UniquenessOnExistingData {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let (table, columns) = match &cx.op.kind {
            OpKind::CreateIndex(ci) if ci.unique => (&ci.table, ci.keys.iter().map(|k| k.text()).collect::<Vec<_>>()),
            OpKind::AddConstraint { table, constraint } => match &constraint.kind {
                ConstraintKind::Unique { columns, using_index: None, .. }
                | ConstraintKind::PrimaryKey { columns, using_index: None } => {
                    (table, columns.iter().map(ToString::to_string).collect())
                }
                _ => return,
            },
            _ => return,
        };
        let Some(current) = cx.table_before_migration(table) else { return };
        if was_unique(cx, current, &columns) {
            return;
        }
        let qn = cx.resolve(table);
        let t = cx.show(&qn);
        let cols = columns.join(", ");
        out.push(
            Finding::new(
                UniquenessOnExistingData::META.name,
                cx.op.span,
                format!("Making ({cols}) unique on `{t}` fails if existing rows hold duplicates"),
            )
            .with_help(format!(
                "look for duplicates first (`SELECT {cols}, count(*) FROM {t} GROUP BY {cols} HAVING count(*) > 1`), clean them up, and make sure code no longer creates them"
            ))
            .with_object(format!("{}:unique:{cols}", table_object(&qn))),
        );
    }
}

/// Whether some of `columns` were already unique when the migration started (a primary
/// key, unique constraint or plain unique index on them, under whatever name the table had
/// then): the rows cannot hold duplicates of the wider set either. A migration that
/// renames or rebuilds a key, or a SQLite batch that copies the table, creates such keys.
fn was_unique(cx: &OpContext<'_>, current: &Table, columns: &[String]) -> bool {
    let Some(start) = cx.migration_start.tables.values().find(|t| t.origin == current.origin) else { return false };
    let covered = |key: &[String]| !key.is_empty() && key.iter().all(|k| columns.contains(k));
    let keys =
        start.primary_key.iter().chain(&start.uniques).map(|k| k.columns.iter().map(ToString::to_string).collect());
    let indexes = start.indexes.iter().filter(|ix| ix.unique && ix.predicate.is_none()).filter_map(|ix| {
        ix.keys
            .iter()
            .map(|k| match k {
                IndexKey::Column(c) => Some(c.to_string()),
                IndexKey::Expression(_) => None,
            })
            .collect::<Option<Vec<String>>>()
    });
    keys.chain(indexes).any(|k: Vec<String>| covered(&k))
}
