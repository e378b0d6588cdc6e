//! `integer-primary-key`: a primary key of a 32-bit (or smaller) integer type.

use sg_model::op::ConstraintKind;
use sg_model::{Dialect, Finding, Ident, ObjectName, OpKind, Span, SqlType, TypeFamily};

use crate::support::column_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration declares a primary key of an integer type smaller than 64 bits.
    ///
    /// ## What it does
    /// Reports primary key columns of type `smallint` or `integer` (and `serial`) in
    /// PostgreSQL, and `tinyint`, `smallint`, `mediumint` or `int` in MySQL, whether the key
    /// is declared on the column, on the table, or added later (squawk's
    /// `prefer-bigint-over-int` and `prefer-bigint-over-smallint`, narrowed to the columns
    /// where running out hurts).
    ///
    /// ## Why is this bad?
    /// A 32-bit key runs out at 2,147,483,647 rows ever inserted, gaps included; inserts
    /// then fail. Widening it later rewrites the table and every table whose foreign keys
    /// point at it, under long locks (see `table-rewrite`). A `bigint` costs four more bytes
    /// a row.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE orders (id serial PRIMARY KEY, placed_at timestamptz NOT NULL);
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, placed_at timestamptz NOT NULL);
    /// ```
    ///
    /// ## Fix
    /// Use `bigint` (`bigserial`, or `bigint GENERATED ... AS IDENTITY`) for primary keys,
    /// and for the foreign keys that reference them.
    pub struct IntegerPrimaryKey {
        name: "integer-primary-key",
        category: Design,
        severity: Note,
    }
}

impl Rule for IntegerPrimaryKey {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        if cx.dialect() == Dialect::Sqlite {
            return;
        }
        let is_pk = |k: &ConstraintKind| matches!(k, ConstraintKind::PrimaryKey { .. });
        // (table, column, type, where)
        let mut keys: Vec<(&ObjectName, &Ident, SqlType, Span)> = Vec::new();
        match &cx.op.kind {
            OpKind::CreateTable(ct) => {
                for c in &ct.columns {
                    if c.constraints.iter().any(|k| is_pk(&k.kind)) {
                        keys.push((&ct.name, &c.name, c.ty.ty.clone(), c.span));
                    }
                }
                for k in &ct.constraints {
                    let ConstraintKind::PrimaryKey { columns, .. } = &k.kind else { continue };
                    for name in columns {
                        if let Some(c) = ct.columns.iter().find(|c| &c.name == name) {
                            keys.push((&ct.name, &c.name, c.ty.ty.clone(), k.span));
                        }
                    }
                }
            }
            OpKind::AddColumn { table, column, .. } if column.constraints.iter().any(|k| is_pk(&k.kind)) => {
                keys.push((table, &column.name, column.ty.ty.clone(), column.span));
            }
            OpKind::AddConstraint { table, constraint } => {
                let ConstraintKind::PrimaryKey { columns, .. } = &constraint.kind else { return };
                for name in columns {
                    if let Some(c) = cx.column_before_op(table, name) {
                        keys.push((table, name, c.ty.clone(), constraint.span));
                    }
                }
            }
            _ => return,
        }
        for (table, column, ty, span) in keys {
            let TypeFamily::Integer { bytes, unsigned } = ty.family else { continue };
            if bytes >= 8 {
                continue;
            }
            let bits = u32::from(bytes) * 8 - u32::from(!unsigned);
            let max = group_thousands(&((1u64 << bits) - 1).to_string());
            let qn = cx.resolve(table);
            let t = cx.show(&qn);
            out.push(
                Finding::new(
                    IntegerPrimaryKey::META.name,
                    span,
                    format!(
                        "The primary key `{t}.{column}` has type `{ty}`: inserts fail once ids pass {max}, and widening it later rewrites `{t}` and the tables that reference it"
                    ),
                )
                .with_help(format!("declare `{column}` as `bigint` (and the foreign keys that reference it)"))
                .with_object(column_object(&qn, column)),
            );
        }
    }
}

/// `2147483647` as `2,147,483,647`.
fn group_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}
