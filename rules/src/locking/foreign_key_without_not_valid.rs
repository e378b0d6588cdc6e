//! `foreign-key-without-not-valid`: a foreign key added to a table in use, validated while
//! both tables are locked.

use sg_model::naming::{join_column_names, make_object_name};
use sg_model::op::{ConstraintKind, ForeignKeyDef};
use sg_model::{Finding, Ident, OpKind};

use super::transaction::added_in_same_transaction;
use crate::fix::not_valid_fix;
use crate::support::table_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration adds a foreign key to an existing table without NOT VALID.
    ///
    /// ## What it does
    /// Reports, on PostgreSQL, `ADD FOREIGN KEY` without `NOT VALID` and `ADD COLUMN ...
    /// REFERENCES` on a table an earlier migration created (Atlas PG306, squawk's
    /// `adding-foreign-key-constraint` and `constraint-missing-not-valid`). It also reports
    /// a `VALIDATE CONSTRAINT` that runs in the same transaction as the `ADD ... NOT VALID`
    /// it validates, which gains nothing. Foreign keys on tables created in the same
    /// migration are not reported.
    ///
    /// ## Why is this bad?
    /// Adding a foreign key takes a SHARE ROW EXCLUSIVE lock on both tables and then reads
    /// every row of the referencing table to check it. Until the scan ends, no row of either
    /// table can be inserted, updated or deleted.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_init.up.sql
    /// CREATE TABLE customers (id bigint PRIMARY KEY);
    /// CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_fk.up.sql
    /// ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey
    ///     FOREIGN KEY (customer_id) REFERENCES customers (id);
    /// ```
    ///
    /// ### Invalid
    /// Validated in the same transaction that added it, so the lock is held through the scan:
    ///
    /// ```sql,file=migrations/000001_init.up.sql
    /// CREATE TABLE customers (id bigint PRIMARY KEY);
    /// CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_fk.up.sql
    /// ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey
    ///     FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
    /// ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;
    /// ```
    ///
    /// ### Valid
    /// `NOT VALID` first, `VALIDATE` in a later migration:
    ///
    /// ```sql,file=migrations/000001_init.up.sql
    /// CREATE TABLE customers (id bigint PRIMARY KEY);
    /// CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
    /// ```
    /// ```sql,file=migrations/000002_fk.up.sql
    /// ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey
    ///     FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
    /// ```
    /// ```sql,file=migrations/000003_validate.up.sql
    /// ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;
    /// ```
    ///
    /// ### Valid
    /// A foreign key on a table the same migration creates:
    ///
    /// ```sql,file=migrations/000001_customers.up.sql
    /// CREATE TABLE customers (id bigint PRIMARY KEY);
    /// ```
    /// ```sql,file=migrations/000002_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
    /// ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);
    /// ```
    ///
    /// ## Fix
    /// Add the foreign key with `NOT VALID`, which checks only new rows and holds its lock
    /// for a moment, then `VALIDATE CONSTRAINT` in a later migration (or at least after a
    /// `COMMIT`): validation takes a SHARE UPDATE EXCLUSIVE lock, which lets reads and
    /// writes go on.
    ///
    /// In a `.sql` file the finding carries the edit that appends `NOT VALID` to the
    /// constraint, as a SARIF fix and an editor code action.
    pub struct ForeignKeyWithoutNotValid {
        name: "foreign-key-without-not-valid",
        category: Locking,
        severity: Warning,
    }
}

impl Rule for ForeignKeyWithoutNotValid {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        if !cx.is_postgres() {
            return;
        }
        match &cx.op.kind {
            OpKind::AddConstraint { table, constraint } => {
                let ConstraintKind::ForeignKey(fk) = &constraint.kind else { return };
                if constraint.not_valid || cx.table_before_migration(table).is_none() {
                    return;
                }
                let qn = cx.resolve(table);
                let t = cx.show(&qn);
                let name = match &constraint.name {
                    Some(n) => n.to_string(),
                    None => generated_name(&qn.name, &fk.columns),
                };
                let target = cx.show(&cx.resolve(&fk.references));
                out.push(
                    Finding::new(ForeignKeyWithoutNotValid::META.name, constraint.span, locks_message(&t, &target))
                        .with_help(format!(
                            "add it with `ALTER TABLE {t} ADD CONSTRAINT {name} FOREIGN KEY ({}) REFERENCES {target}{} NOT VALID`, then run `ALTER TABLE {t} VALIDATE CONSTRAINT {name}` in a later migration",
                            join(&fk.columns),
                            referenced(fk)
                        ))
                        .with_object(format!("{}:fk:{name}", table_object(&qn)))
                        .with_optional_fix(not_valid_fix(cx, constraint.span)),
                );
            }
            OpKind::AddColumn { table, column, .. } => {
                if cx.table_before_migration(table).is_none() {
                    return;
                }
                let Some((fk, span)) = column.constraints.iter().find_map(|c| match &c.kind {
                    ConstraintKind::ForeignKey(fk) => Some((fk, c.span)),
                    _ => None,
                }) else {
                    return;
                };
                let qn = cx.resolve(table);
                let t = cx.show(&qn);
                let c = &column.name;
                let target = cx.show(&cx.resolve(&fk.references));
                let name = generated_name(&qn.name, std::slice::from_ref(c));
                out.push(
                    Finding::new(ForeignKeyWithoutNotValid::META.name, span, locks_message(&t, &target))
                        .with_help(format!(
                            "an inline REFERENCES cannot be NOT VALID: add `{c}` without it, then `ALTER TABLE {t} ADD CONSTRAINT {name} FOREIGN KEY ({c}) REFERENCES {target}{} NOT VALID`, and `VALIDATE CONSTRAINT {name}` in a later migration",
                            referenced(fk)
                        ))
                        .with_object(format!("{}:fk:{name}", table_object(&qn))),
                );
            }
            OpKind::ValidateConstraint { table, name } => {
                if cx.table_before_migration(table).is_none() {
                    return;
                }
                let Some(add) = added_in_same_transaction(cx, table, name) else { return };
                let OpKind::AddConstraint { constraint, .. } = &add.kind else { return };
                let ConstraintKind::ForeignKey(fk) = &constraint.kind else { return };
                let qn = cx.resolve(table);
                let t = cx.show(&qn);
                let target = cx.show(&cx.resolve(&fk.references));
                out.push(
                    Finding::new(
                        ForeignKeyWithoutNotValid::META.name,
                        cx.op.span,
                        format!(
                            "`{name}` is validated in the transaction that added it NOT VALID, so the SHARE ROW EXCLUSIVE locks on `{t}` and `{target}` are held while every row of `{t}` is checked, blocking writes to both tables"
                        ),
                    )
                    .with_related(add.span, "added NOT VALID here, in the same transaction")
                    .with_help(format!(
                        "move `ALTER TABLE {t} VALIDATE CONSTRAINT {name}` to a later migration, so that the lock taken by the add is released first"
                    ))
                    .with_object(format!("{}:fk:{name}", table_object(&qn))),
                );
            }
            _ => {}
        }
    }
}

fn locks_message(table: &str, target: &str) -> String {
    if table == target {
        format!(
            "Adding a foreign key to `{table}` takes a SHARE ROW EXCLUSIVE lock on `{table}` and checks every row, blocking its inserts, updates and deletes until the scan ends"
        )
    } else {
        format!(
            "Adding a foreign key to `{table}` takes SHARE ROW EXCLUSIVE locks on `{table}` and `{target}` and checks every row of `{table}`, blocking inserts, updates and deletes on both tables until the scan ends"
        )
    }
}

/// The name PostgreSQL gives an unnamed foreign key: `orders_customer_id_fkey`.
fn generated_name(table: &Ident, columns: &[Ident]) -> String {
    let cols = join_column_names(columns.iter().map(Ident::as_str));
    make_object_name(table.as_str(), Some(&cols), Some("fkey"))
}

fn join(columns: &[Ident]) -> String {
    columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

fn referenced(fk: &ForeignKeyDef) -> String {
    if fk.referenced_columns.is_empty() { String::new() } else { format!(" ({})", join(&fk.referenced_columns)) }
}
