//! `unindexed-foreign-key`: a foreign key whose columns no index leads with.

use sg_model::{Dialect, Finding};

use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A foreign key's columns are not covered by an index.
    ///
    /// ## What it does
    /// At the head of each PostgreSQL or SQLite stream, reports foreign keys whose columns
    /// are not the leading columns of some index (primary key, unique key or plain index)
    /// of the referencing table. MySQL creates such an index itself and is not checked.
    ///
    /// ## Why is this bad?
    /// Every delete or key update on the referenced table looks up the referencing rows;
    /// without an index that is a sequential scan, under lock, per deleted row. Deleting a
    /// tenant with cascading keys turns into hours of scans, and joins along the key are
    /// slow too.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE projects (id bigint PRIMARY KEY);
    /// CREATE TABLE tasks (id bigint PRIMARY KEY, project_id bigint REFERENCES projects (id) ON DELETE CASCADE);
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE projects (id bigint PRIMARY KEY);
    /// CREATE TABLE tasks (id bigint PRIMARY KEY, project_id bigint REFERENCES projects (id) ON DELETE CASCADE);
    /// CREATE INDEX tasks_project_id_idx ON tasks (project_id);
    /// ```
    ///
    /// ## Fix
    /// Create an index that starts with the foreign key's columns (`CONCURRENTLY` on a
    /// table that already holds rows).
    pub struct UnindexedForeignKey {
        name: "unindexed-foreign-key",
        category: Graph,
        severity: Warning,
    }
}

impl Rule for UnindexedForeignKey {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        if cx.stream.dialect == Dialect::MySql {
            return;
        }
        let d = cx.stream.dialect;
        for table in cx.head.tables.values() {
            for fk in &table.foreign_keys {
                if fk.columns.is_empty() || table.has_index_led_by(&fk.columns) {
                    continue;
                }
                let t = table.name.display(d);
                let cols = fk.columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
                let name = format!(
                    "{}_{}_idx",
                    table.name.name,
                    fk.columns.iter().map(|c| c.as_str()).collect::<Vec<_>>().join("_")
                );
                let concurrently = if d == Dialect::Postgres { "CONCURRENTLY " } else { "" };
                out.push(
                    Finding::new(
                        UnindexedForeignKey::META.name,
                        fk.origin.span,
                        format!(
                            "No index starts with ({cols}) of `{t}`: every delete from `{}` scans `{t}` to check foreign key `{}`",
                            fk.referenced_table.display(d),
                            fk.name
                        ),
                    )
                    .with_help(format!("`CREATE INDEX {concurrently}{name} ON {t} ({cols});`"))
                    .with_object(format!("fk:{}.{}", table.name, fk.name)),
                );
            }
        }
    }
}
