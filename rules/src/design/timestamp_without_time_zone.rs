//! `timestamp-without-time-zone`: a PostgreSQL `timestamp` column, which forgets the zone.

use sg_model::op::ColumnDef;
use sg_model::{Finding, ObjectName, OpKind, TypeFamily};

use crate::support::column_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration gives a column the type `timestamp without time zone`.
    ///
    /// ## What it does
    /// Reports PostgreSQL columns created or changed to `timestamp` (`timestamp without
    /// time zone`), including arrays of it (squawk's `prefer-timestamptz`).
    ///
    /// ## Why is this bad?
    /// A `timestamp` stores a wall-clock reading without saying where: the same instant
    /// written by servers or sessions in different time zones is stored as different
    /// values, comparisons across daylight-saving changes go wrong, and `now()` is
    /// converted with the session's zone on the way in. `timestamptz` stores an instant
    /// and converts only for display.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE events (id bigint PRIMARY KEY, happened_at timestamp NOT NULL);
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE events (id bigint PRIMARY KEY, happened_at timestamptz NOT NULL);
    /// ```
    ///
    /// ## Fix
    /// Use `timestamptz` (`timestamp with time zone`). To convert an existing column, say
    /// which zone its values were written in: `ALTER COLUMN happened_at TYPE timestamptz
    /// USING happened_at AT TIME ZONE 'UTC'` (this rewrites the table).
    pub struct TimestampWithoutTimeZone {
        name: "timestamp-without-time-zone",
        category: Design,
        severity: Note,
    }
}

fn is_naive_timestamp(family: &TypeFamily) -> bool {
    match family {
        TypeFamily::Timestamp { tz: false } => true,
        TypeFamily::Array(inner) => is_naive_timestamp(inner),
        _ => false,
    }
}

impl Rule for TimestampWithoutTimeZone {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        if !cx.is_postgres() {
            return;
        }
        let columns: Vec<(&ObjectName, &ColumnDef)> = match &cx.op.kind {
            OpKind::CreateTable(ct) => ct.columns.iter().map(|c| (&ct.name, c)).collect(),
            OpKind::AddColumn { table, column, .. } => vec![(table, column)],
            OpKind::AlterColumnType { table, column, ty, .. } if is_naive_timestamp(&ty.ty.family) => {
                let qn = cx.resolve(table);
                out.push(
                    finding(cx, &cx.show(&qn), column.as_str(), cx.op.span).with_object(column_object(&qn, column)),
                );
                return;
            }
            _ => return,
        };
        for (table, column) in columns {
            if !is_naive_timestamp(&column.ty.ty.family) {
                continue;
            }
            let qn = cx.resolve(table);
            out.push(
                finding(cx, &cx.show(&qn), column.name.as_str(), column.span)
                    .with_object(column_object(&qn, &column.name)),
            );
        }
    }
}

fn finding(_cx: &OpContext<'_>, table: &str, column: &str, span: sg_model::Span) -> Finding {
    Finding::new(
        TimestampWithoutTimeZone::META.name,
        span,
        format!(
            "`{table}.{column}` is a `timestamp without time zone`: it stores a wall-clock reading without its zone, so values written from different time zones cannot be compared"
        ),
    )
    .with_help(format!("use `timestamptz` for `{column}`"))
}
