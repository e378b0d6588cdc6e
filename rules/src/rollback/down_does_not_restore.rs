//! `down-does-not-restore`: replaying up then down does not give back the schema.

use sg_model::{Finding, OpKind, ReplayEvent, Replayer, Span};

use super::diff::schema_differences;
use crate::integrity::{describe, describe_dependent, standing_dependents};
use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A down migration does not restore the schema its up migration changed.
    ///
    /// ## What it does
    /// For every migration with a down part, replays the history up to it, applies the up,
    /// then the down, and compares the result with the schema before the up: tables,
    /// columns with their types, nullability and defaults, keys, foreign keys, indexes,
    /// checks, row-level security, enum types and views. The finding lists the differences.
    /// A down that uses an object the up did not leave behind is reported too: it fails;
    /// and so is one that drops, on PostgreSQL, an object something else still depends
    /// on without CASCADE (a table before the table whose foreign key references it).
    /// Migrations whose up or down holds statements schemagraph could not read are skipped
    /// (those statements are reported on their own).
    ///
    /// ## Why is this bad?
    /// A rollback is run when something already went wrong. A down migration that leaves
    /// the schema different from before (a forgotten index, a column left behind, a
    /// default lost) means the previous release runs against a schema it was never tested
    /// with, and re-running the up fails.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text);
    /// ```
    /// ```sql,file=migrations/000001_users.down.sql
    /// DROP TABLE users;
    /// ```
    /// ```sql,file=migrations/000002_email_index.up.sql
    /// ALTER TABLE users ADD COLUMN verified boolean NOT NULL DEFAULT false;
    /// CREATE INDEX users_email_idx ON users (email);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_email_index.down.sql
    /// DROP INDEX users_email_idx;
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text);
    /// ```
    /// ```sql,file=migrations/000001_users.down.sql
    /// DROP TABLE users;
    /// ```
    /// ```sql,file=migrations/000002_email_index.up.sql
    /// ALTER TABLE users ADD COLUMN verified boolean NOT NULL DEFAULT false;
    /// CREATE INDEX users_email_idx ON users (email);
    /// ```
    /// ```sql,file=migrations/000002_email_index.down.sql
    /// DROP INDEX users_email_idx;
    /// ALTER TABLE users DROP COLUMN verified;
    /// ```
    ///
    /// ## Fix
    /// Make the down migration undo every change of the up, in reverse order.
    pub struct DownDoesNotRestore {
        name: "down-does-not-restore",
        category: Rollback,
        severity: Warning,
    }
}

/// How many differences a message lists before summing up the rest.
const SHOWN: usize = 4;

impl Rule for DownDoesNotRestore {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        let mut replayer = Replayer::new(cx.stream.dialect);
        let mut sink = Vec::new();
        let opaque = |ops: &[sg_model::Op]| ops.iter().any(|op| matches!(op.kind, OpKind::Opaque { .. }));
        for (i, m) in cx.migrations.iter().enumerate() {
            replayer.begin_migration(i);
            let before = replayer.schema.clone();
            for op in &m.up {
                replayer.apply(op, &mut sink);
            }
            sink.clear();
            let Some(down) = &m.down else { continue };
            if opaque(&m.up) || opaque(down) {
                continue;
            }
            let mut undo = replayer.clone();
            let mut events = Vec::new();
            for op in down {
                undo.apply(op, &mut events);
            }
            let mut problems: Vec<String> = events
                .iter()
                .filter_map(|e| match e {
                    // The tool's own table is there although the replay never created it.
                    ReplayEvent::Missing { key, .. } if cx.stream.is_bookkeeping(key) => None,
                    ReplayEvent::Missing { key, .. } => Some(format!(
                        "it uses {} `{}`, which does not exist after the up",
                        key.kind(),
                        key.display(cx.stream.dialect)
                    )),
                    ReplayEvent::Blocked { key, span, dependents } => {
                        let standing = standing_dependents(down, *span, dependents, cx.stream.dialect);
                        let first = standing.first()?;
                        Some(format!(
                            "PostgreSQL refuses its drop of {} without CASCADE: {} depends on it",
                            describe(key, cx.stream.dialect),
                            describe_dependent(&first.key, cx.stream.dialect)
                        ))
                    }
                    _ => None,
                })
                .collect();
            problems.extend(schema_differences(&before, &undo.schema));
            if problems.is_empty() {
                continue;
            }
            let span = down.first().map(|op| op.span).or(m.down_file.map(Span::file_start)).unwrap_or(m.span);
            let shown = problems.iter().take(SHOWN).cloned().collect::<Vec<_>>().join("; ");
            let more = match problems.len().saturating_sub(SHOWN) {
                0 => String::new(),
                n => format!("; and {n} more"),
            };
            out.push(
                Finding::new(
                    DownDoesNotRestore::META.name,
                    span,
                    format!(
                        "The down migration of `{}` does not restore the schema before it: {shown}{more}",
                        m.label()
                    ),
                )
                .with_related(m.up.first().map_or(m.span, |op| op.span), "the up migration it should undo")
                .with_help("make the down migration undo every change of the up, in reverse order")
                .with_object(format!("down:{}", m.label())),
            );
        }
    }
}
