//! `dangling-reference`: a statement uses an object the stream never creates.

use sg_model::{Dialect, Finding, ObjectKey, ReplayEvent};

use super::{Creations, capitalized, describe, object_id};
use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A migration uses an object that does not exist at that point of the history.
    ///
    /// ## What it does
    /// Replays the stream and reports each statement that uses a table, column, index,
    /// type or other object that no earlier migration created (or that an earlier one
    /// dropped or renamed), and that no later migration creates either. On SQLite, which
    /// resolves a foreign key's target only when rows are written, a foreign key is
    /// reported when its table does not exist at the end of the history.
    ///
    /// ## Why is this bad?
    /// Run on an empty database, the migration fails. The usual causes are a typo, an
    /// object renamed or dropped by an earlier migration, or an object created outside the
    /// history (by hand, by another service, by an extension) that new environments will
    /// not have.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE invoices (id bigint PRIMARY KEY);
    /// ALTER TABLE invoice ADD COLUMN paid_at timestamptz;
    /// ```
    ///
    /// On SQLite, which checks a foreign key's target only when rows are written, a key to
    /// a table that never exists:
    ///
    /// ```sql,expect_diagnostic,file=migrations/sqlite/000001_orders.up.sql
    /// CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customer (id));
    /// CREATE TABLE customers (id integer PRIMARY KEY);
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE invoices (id bigint PRIMARY KEY);
    /// ALTER TABLE invoices ADD COLUMN paid_at timestamptz;
    /// ```
    ///
    /// On SQLite, a key to a table created later:
    ///
    /// ```sql,file=migrations/sqlite/000001_orders.up.sql
    /// CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers (id));
    /// CREATE TABLE customers (id integer PRIMARY KEY);
    /// ```
    ///
    /// ## Fix
    /// Correct the name, or create the object in an earlier migration. If it really comes
    /// from outside the history, allow the finding and say where it comes from:
    /// `-- schemagraph: allow dangling-reference -- created by the postgis extension`.
    pub struct DanglingReference {
        name: "dangling-reference",
        category: Integrity,
        severity: Error,
    }
}

impl Rule for DanglingReference {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        let creations = Creations::new(cx.events);
        for e in cx.events {
            let ReplayEvent::Missing { key, span } = &e.event else { continue };
            if creations.after(key, e.position).is_some() || cx.stream.is_bookkeeping(key) {
                continue;
            }
            let what = describe(key, cx.stream.dialect);
            let mut finding = match creations.before(key, e.position) {
                Some(earlier) => {
                    let creator = cx.migrations[earlier.migration].label();
                    let mut f = Finding::new(
                        DanglingReference::META.name,
                        *span,
                        format!(
                            "{} no longer exists here: migration `{creator}` created it, and a later statement dropped or renamed it",
                            capitalized(&what)
                        ),
                    );
                    if let ReplayEvent::Created { span, .. } = &earlier.event {
                        f = f.with_related(*span, format!("{what} was created here"));
                    }
                    f.with_help(format!("use the object's current name, or recreate {what} before this statement"))
                }
                None => Finding::new(
                    DanglingReference::META.name,
                    *span,
                    format!("{} does not exist, and no migration of this stream creates it", capitalized(&what)),
                )
                .with_help(format!(
                    "check the name, or create {what} in an earlier migration; if it is created outside this history, allow this finding with a reason saying where it comes from"
                )),
            };
            finding = finding.with_object(object_id(key));
            out.push(finding);
        }
        // SQLite accepts a foreign key to a table that does not exist yet; the key breaks
        // writes only if the table still does not exist when rows are written.
        if cx.stream.dialect == Dialect::Sqlite {
            for table in cx.head.tables.values() {
                for fk in &table.foreign_keys {
                    let key = ObjectKey::Table(fk.referenced_table.clone());
                    if cx.head.table(&fk.referenced_table).is_some() || cx.stream.is_bookkeeping(&key) {
                        continue;
                    }
                    let what = describe(&key, cx.stream.dialect);
                    out.push(
                        Finding::new(
                            DanglingReference::META.name,
                            fk.origin.span,
                            format!(
                                "Foreign key `{}` of `{}` references {what}, which does not exist at the end of the history: with foreign keys enforced, every write to `{}` fails",
                                fk.name,
                                table.name.display(cx.stream.dialect),
                                table.name.display(cx.stream.dialect)
                            ),
                        )
                        .with_help(format!("create {what} in a migration, or drop the foreign key"))
                        .with_object(object_id(&key)),
                    );
                }
            }
        }
    }
}
