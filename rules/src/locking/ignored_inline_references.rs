//! `ignored-inline-references`: MySQL's column-level REFERENCES, which creates nothing.

use sg_model::op::{ColumnDef, ConstraintKind};
use sg_model::{Dialect, Finding, ObjectName, OpKind};

use crate::support::column_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A MySQL column declares REFERENCES inline, which MySQL parses and ignores.
    ///
    /// ## What it does
    /// Reports a `REFERENCES` clause written on a column (`customer_id bigint REFERENCES
    /// customers (id)`) in a MySQL stream, in `CREATE TABLE`, `ADD COLUMN` or `MODIFY`
    /// (Atlas MY102). schemagraph's model, like MySQL, creates no foreign key for it.
    ///
    /// ## Why is this bad?
    /// MySQL accepts the syntax and silently drops it: no foreign key exists, nothing
    /// stops orphaned rows, and the schema does not say what its author meant. (MariaDB
    /// 10.5 and later do create the key; the same statement means different things on the
    /// two servers.)
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic,file=mysql/000001_init.up.sql
    /// CREATE TABLE customers (id bigint PRIMARY KEY);
    /// CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=mysql/000001_init.up.sql
    /// CREATE TABLE customers (id bigint PRIMARY KEY);
    /// CREATE TABLE orders (
    ///     id bigint PRIMARY KEY,
    ///     customer_id bigint,
    ///     FOREIGN KEY (customer_id) REFERENCES customers (id)
    /// );
    /// ```
    ///
    /// ## Fix
    /// Declare the key as a table constraint: `FOREIGN KEY (customer_id) REFERENCES
    /// customers (id)` in `CREATE TABLE`, or `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY`.
    pub struct IgnoredInlineReferences {
        name: "ignored-inline-references",
        category: Locking,
        severity: Warning,
    }
}

impl Rule for IgnoredInlineReferences {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        if cx.dialect() != Dialect::MySql {
            return;
        }
        let columns: Vec<(&ObjectName, &ColumnDef)> = match &cx.op.kind {
            OpKind::CreateTable(ct) => ct.columns.iter().map(|c| (&ct.name, c)).collect(),
            OpKind::AddColumn { table, column, .. } => vec![(table, column)],
            OpKind::RedefineColumn { table, def, .. } => vec![(table, def)],
            _ => return,
        };
        for (table, column) in columns {
            for constraint in &column.constraints {
                let ConstraintKind::ForeignKey(fk) = &constraint.kind else { continue };
                let qn = cx.resolve(table);
                let t = cx.show(&qn);
                let c = &column.name;
                let target = cx.show(&cx.resolve(&fk.references));
                let refs = if fk.referenced_columns.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ({})",
                        fk.referenced_columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                    )
                };
                out.push(
                    Finding::new(
                        IgnoredInlineReferences::META.name,
                        constraint.span,
                        format!(
                            "MySQL ignores the inline `REFERENCES {target}{refs}` on `{t}.{c}`: no foreign key is created"
                        ),
                    )
                    .with_help(format!(
                        "declare it as a table constraint: `FOREIGN KEY ({c}) REFERENCES {target}{refs}` in the table definition, or `ALTER TABLE {t} ADD FOREIGN KEY ({c}) REFERENCES {target}{refs}`"
                    ))
                    .with_object(column_object(&qn, c)),
                );
            }
        }
    }
}
