//! `fk-target-not-unique`: a foreign key to columns that are not a key.

use sg_model::Finding;

use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A foreign key references columns that are not a primary key or unique key.
    ///
    /// ## What it does
    /// At the head of each stream, reports foreign keys whose referenced columns are not
    /// exactly the primary key, a unique constraint, or a unique index without a `WHERE`
    /// of the referenced table.
    ///
    /// ## Why is this bad?
    /// PostgreSQL and SQLite refuse such a key, so the migration fails; MySQL accepts it
    /// against any index, and then a child row can match several parents, which breaks the
    /// relation's meaning and `ON DELETE` behaviour.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text);
    /// CREATE TABLE invitations (id bigint PRIMARY KEY, email text REFERENCES users (email));
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text UNIQUE);
    /// CREATE TABLE invitations (id bigint PRIMARY KEY, email text REFERENCES users (email));
    /// ```
    ///
    /// ## Fix
    /// Reference the primary key, or add a unique constraint on the referenced columns
    /// first.
    pub struct FkTargetNotUnique {
        name: "fk-target-not-unique",
        category: Graph,
        severity: Error,
    }
}

impl Rule for FkTargetNotUnique {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        let d = cx.stream.dialect;
        for table in cx.head.tables.values() {
            for fk in &table.foreign_keys {
                let Some(target) = cx.head.table(&fk.referenced_table) else { continue };
                if fk.referenced_columns.is_empty() || target.has_unique_key(&fk.referenced_columns) {
                    continue;
                }
                // A missing referenced column is reported as a dangling reference.
                if fk.referenced_columns.iter().any(|c| target.column(c).is_none()) {
                    continue;
                }
                let rt = target.name.display(d);
                let cols = fk.referenced_columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
                out.push(
                    Finding::new(
                        FkTargetNotUnique::META.name,
                        fk.origin.span,
                        format!(
                            "Foreign key `{}` references `{rt}` ({cols}), which is not a primary or unique key",
                            fk.name
                        ),
                    )
                    .with_related(target.origin.span, format!("`{rt}` is created here"))
                    .with_help(format!("add `UNIQUE ({cols})` to `{rt}` first, or reference its primary key"))
                    .with_object(format!("fk:{}.{}", table.name, fk.name)),
                );
            }
        }
    }
}
