//! `enum-change-copies-table`: a MySQL ENUM or SET change other than appending values.

use sg_model::{Dialect, Finding, OpKind, SqlType, TypeFamily};

use crate::support::column_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A MySQL migration changes an ENUM or SET column in a way that copies the table.
    ///
    /// ## What it does
    /// Reports `MODIFY` / `CHANGE` of an `ENUM` or `SET` column of a table an earlier
    /// migration created, when the new list of values does not just append to the old one
    /// (Atlas MY110 to MY113 and MY120 to MY123): a value is removed, the values are
    /// reordered, a value is inserted before the last one, or the list grows past the size
    /// its storage holds (255 ENUM values; 8, 16, 24 or 32 SET members).
    ///
    /// ## Why is this bad?
    /// MySQL can only append values in place, by changing the table definition. Any other
    /// change renumbers the stored values, so MySQL copies the whole table (ALGORITHM=COPY)
    /// and blocks writes to it until the copy ends.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=mysql/000001_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY, status ENUM('open', 'paid') NOT NULL);
    /// ```
    /// ```sql,expect_diagnostic,file=mysql/000002_status.up.sql
    /// ALTER TABLE orders MODIFY status ENUM('open', 'pending', 'paid') NOT NULL;
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=mysql/000001_orders.up.sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY, status ENUM('open', 'paid') NOT NULL);
    /// ```
    /// ```sql,file=mysql/000002_status.up.sql
    /// ALTER TABLE orders MODIFY status ENUM('open', 'paid', 'pending') NOT NULL;
    /// ```
    ///
    /// ## Fix
    /// Append new values at the end of the list and leave unused ones in place. If the
    /// order must change, make the change with an online schema change tool (gh-ost,
    /// pt-online-schema-change).
    pub struct EnumChangeCopiesTable {
        name: "enum-change-copies-table",
        category: Locking,
        severity: Warning,
    }
}

/// The values of an `enum(...)` or `set(...)` type, and which of the two it is.
fn values(ty: &SqlType) -> Option<(&'static str, Vec<String>)> {
    match &ty.family {
        TypeFamily::InlineEnum(labels) => Some(("ENUM", labels.clone())),
        TypeFamily::Named(n) if n == "set" => {
            let inner = ty.canonical.strip_prefix("set(")?.strip_suffix(')')?;
            let mut out = Vec::new();
            let mut current = String::new();
            let mut quoted = false;
            let mut chars = inner.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '\'' if quoted && chars.peek() == Some(&'\'') => {
                        chars.next();
                        current.push('\'');
                    }
                    '\'' => quoted = !quoted,
                    ',' if !quoted => out.push(std::mem::take(&mut current)),
                    c if quoted => current.push(c),
                    _ => {}
                }
            }
            out.push(current);
            Some(("SET", out))
        }
        _ => None,
    }
}

/// How many bytes MySQL stores a value of the type in: ENUM 1 or 2, SET 1, 2, 3, 4 or 8.
fn storage_bytes(kind: &str, count: usize) -> usize {
    if kind == "ENUM" {
        if count <= 255 { 1 } else { 2 }
    } else {
        match count.div_ceil(8) {
            0 | 1 => 1,
            n @ 2..=4 => n,
            _ => 8,
        }
    }
}

impl Rule for EnumChangeCopiesTable {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::RedefineColumn { table, column, def } = &cx.op.kind else { return };
        if cx.dialect() != Dialect::MySql || cx.table_before_migration(table).is_none() {
            return;
        }
        let Some(current) = cx.column_before_op(table, column) else { return };
        let (Some((kind, old)), Some((new_kind, new))) = (values(&current.ty), values(&def.ty.ty)) else { return };
        if kind != new_kind || old == new {
            return;
        }
        let qn = cx.resolve(table);
        let t = cx.show(&qn);
        let what = if let Some(gone) = old.iter().find(|v| !new.contains(v)) {
            format!("Removing `{gone}` from the {kind} of `{t}.{column}`")
        } else if new.starts_with(&old) {
            if storage_bytes(kind, old.len()) == storage_bytes(kind, new.len()) {
                return;
            }
            format!("Growing the {kind} of `{t}.{column}` to {} values, which needs a wider storage size,", new.len())
        } else if let Some(inserted) = new.iter().find(|v| !old.contains(v)) {
            format!("Inserting `{inserted}` before existing values of the {kind} of `{t}.{column}`")
        } else {
            format!("Reordering the values of the {kind} of `{t}.{column}`")
        };
        out.push(
            Finding::new(
                EnumChangeCopiesTable::META.name,
                cx.op.span,
                format!(
                    "{what} renumbers the stored values, so MySQL copies `{t}` (ALGORITHM=COPY) and blocks writes to it until the copy ends"
                ),
            )
            .with_help(format!(
                "append new values at the end of the list (`{kind}({})`) and keep the values you no longer use, which MySQL changes in place",
                old.iter().chain(new.iter().filter(|v| !old.contains(v))).map(|v| format!("'{}'", v.replace('\'', "''"))).collect::<Vec<_>>().join(", ")
            ))
            .with_object(column_object(&qn, column)),
        );
    }
}
