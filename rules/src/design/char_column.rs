//! `char-column`: a PostgreSQL `char(n)` column, which pads its values with spaces.

use sg_model::op::ColumnDef;
use sg_model::{Finding, ObjectName, OpKind, TypeFamily};

use crate::support::column_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration gives a column the type `char(n)`.
    ///
    /// ## What it does
    /// Reports PostgreSQL columns created or changed to `char(n)` / `character(n)`
    /// (squawk's `ban-char-field`).
    ///
    /// ## Why is this bad?
    /// `char(n)` pads every value with spaces to `n` characters, ignores trailing spaces in
    /// some comparisons and not in others (`LIKE`, casts to `text`), and is no faster or
    /// smaller than `text` or `varchar` in PostgreSQL. Fixed-length codes are better kept
    /// as `text` with a `CHECK` on their length.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE countries (code char(2) PRIMARY KEY, name text NOT NULL);
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE countries (code text PRIMARY KEY CHECK (length(code) = 2), name text NOT NULL);
    /// ```
    ///
    /// ## Fix
    /// Use `text` (with a `CHECK (length(col) = n)` if the length matters) or `varchar(n)`.
    pub struct CharColumn {
        name: "char-column",
        category: Design,
        severity: Note,
    }
}

impl Rule for CharColumn {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        if !cx.is_postgres() {
            return;
        }
        let columns: Vec<(&ObjectName, &ColumnDef)> = match &cx.op.kind {
            OpKind::CreateTable(ct) => ct.columns.iter().map(|c| (&ct.name, c)).collect(),
            OpKind::AddColumn { table, column, .. } => vec![(table, column)],
            _ => Vec::new(),
        };
        let mut found: Vec<(&ObjectName, &sg_model::Ident, &sg_model::SqlType, sg_model::Span)> =
            columns.into_iter().map(|(t, c)| (t, &c.name, &c.ty.ty, c.span)).collect();
        if let OpKind::AlterColumnType { table, column, ty, .. } = &cx.op.kind {
            found.push((table, column, &ty.ty, cx.op.span));
        }
        for (table, column, ty, span) in found {
            if !matches!(ty.family, TypeFamily::Char { len: Some(_) }) {
                continue;
            }
            let qn = cx.resolve(table);
            let t = cx.show(&qn);
            out.push(
                Finding::new(
                    CharColumn::META.name,
                    span,
                    format!("`{t}.{column}` is a `{ty}`: its values are padded with spaces to the full length"),
                )
                .with_help(format!("use `text` for `{column}`, with a `CHECK` on its length if the length matters"))
                .with_object(column_object(&qn, column)),
            );
        }
    }
}
