//! `serial-column`: a PostgreSQL `serial` column where an identity column would do.

use sg_model::op::ColumnDef;
use sg_model::{Finding, ObjectName, OpKind};

use crate::support::column_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration declares a `serial` column instead of an identity column.
    ///
    /// ## What it does
    /// Reports PostgreSQL columns declared `smallserial`, `serial` or `bigserial` (squawk's
    /// `prefer-identity`).
    ///
    /// ## Why is this bad?
    /// A `serial` is a plain column with a default that calls a separately owned sequence:
    /// permissions on the sequence must be granted on their own, copying the table with
    /// `CREATE TABLE ... (LIKE ...)` shares the sequence, and nothing stops writes that
    /// bypass it and later collide with it. `GENERATED ... AS IDENTITY` is the SQL-standard
    /// form that keeps the sequence part of the column.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE accounts (id bigserial PRIMARY KEY, name text NOT NULL);
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
    /// ```
    ///
    /// ## Fix
    /// Declare `bigint GENERATED ALWAYS AS IDENTITY` (or `BY DEFAULT`, if code inserts its
    /// own ids).
    pub struct SerialColumn {
        name: "serial-column",
        category: Design,
        severity: Note,
    }
}

impl Rule for SerialColumn {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        if !cx.is_postgres() {
            return;
        }
        let columns: Vec<(&ObjectName, &ColumnDef)> = match &cx.op.kind {
            OpKind::CreateTable(ct) => ct.columns.iter().map(|c| (&ct.name, c)).collect(),
            OpKind::AddColumn { table, column, .. } => vec![(table, column)],
            _ => return,
        };
        for (table, column) in columns.into_iter().filter(|(_, c)| c.ty.serial) {
            let qn = cx.resolve(table);
            let t = cx.show(&qn);
            let c = &column.name;
            out.push(
                Finding::new(
                    SerialColumn::META.name,
                    column.span,
                    format!(
                        "`{t}.{c}` is a `{}`: its values come from a separate sequence that grants, copies and direct writes do not keep in step",
                        column.ty.raw.to_ascii_lowercase()
                    ),
                )
                .with_help(format!("declare `{c} {} GENERATED ALWAYS AS IDENTITY` instead", column.ty.ty))
                .with_object(column_object(&qn, c)),
            );
        }
    }
}
