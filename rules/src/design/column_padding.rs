//! `column-padding`: a PostgreSQL table whose column order wastes bytes on alignment.

use sg_model::{Finding, OpKind, Schema, SqlType, TypeFamily};

use crate::support::table_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration creates a table whose column order wastes space on alignment padding.
    ///
    /// ## What it does
    /// Reports PostgreSQL `CREATE TABLE` statements whose leading fixed-width columns
    /// (`boolean`, `smallint`, `integer`, `bigint`, `date`, `timestamptz`, `uuid`, enums,
    /// ...) are ordered so that PostgreSQL has to insert padding between them, when
    /// ordering the same columns by alignment would save at least 8 bytes a row (Atlas
    /// PG110). Only the columns before the first variable-width one (`text`, `numeric`,
    /// `jsonb`, arrays, ...) are counted: after it, where each value starts depends on the
    /// data, so the padding cannot be known.
    ///
    /// ## Why is this bad?
    /// PostgreSQL aligns every fixed-width value to its type's boundary (8 bytes for
    /// `bigint` and timestamps, 4 for `integer`), padding the gap before it. A `boolean`
    /// between two `bigint`s costs 8 bytes instead of 1, in every row and every index that
    /// stores the columns. Column order cannot be changed later without rebuilding the
    /// table.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE events (
    ///     is_public boolean NOT NULL,
    ///     occurred_at timestamptz NOT NULL,
    ///     kind smallint NOT NULL,
    ///     account_id bigint NOT NULL,
    ///     payload jsonb
    /// );
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE events (
    ///     occurred_at timestamptz NOT NULL,
    ///     account_id bigint NOT NULL,
    ///     kind smallint NOT NULL,
    ///     is_public boolean NOT NULL,
    ///     payload jsonb
    /// );
    /// ```
    ///
    /// ## Fix
    /// Declare fixed-width columns first, widest alignment first (8-byte types, then
    /// 4-byte, 2-byte, 1-byte), and variable-width columns after them.
    pub struct ColumnPadding {
        name: "column-padding",
        category: Design,
        severity: Note,
    }
}

/// Length and alignment of a fixed-width PostgreSQL type (`pg_type.typlen`, `typalign`);
/// `None` for variable-width types.
fn fixed_width(ty: &SqlType, schema: &Schema) -> Option<(u32, u32)> {
    use TypeFamily as F;
    Some(match &ty.family {
        F::Boolean => (1, 1),
        F::Integer { bytes: 2, .. } => (2, 2),
        F::Integer { bytes: 4, .. } | F::Float { bytes: 4 } | F::Date => (4, 4),
        F::Integer { bytes: 8, .. } | F::Float { bytes: 8 } | F::Timestamp { .. } | F::Time { tz: false } => (8, 8),
        F::Time { tz: true } => (12, 8),
        F::Interval => (16, 8),
        F::Uuid => (16, 1),
        F::Named(n) => match n.as_str() {
            "money" => (8, 8),
            "oid" => (4, 4),
            "point" => (16, 8),
            "macaddr" => (6, 4),
            "macaddr8" => (8, 4),
            // An enum value is stored as a 4-byte oid.
            _ if schema.enums.keys().any(|k| k.display(schema.dialect) == *n || k.to_string() == *n) => (4, 4),
            _ => return None,
        },
        _ => return None,
    })
}

/// Padding bytes between consecutive values laid out from an aligned start.
fn padding(columns: &[(u32, u32)]) -> u32 {
    let mut offset = 0;
    let mut pad = 0;
    for (len, align) in columns {
        let gap = (align - offset % align) % align;
        pad += gap;
        offset += gap + len;
    }
    pad
}

impl Rule for ColumnPadding {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::CreateTable(ct) = &cx.op.kind else { return };
        if !cx.is_postgres() || ct.partition_of.is_some() || ct.like.is_some() {
            return;
        }
        let prefix: Vec<(&str, (u32, u32))> =
            ct.columns.iter().map_while(|c| fixed_width(&c.ty.ty, cx.before).map(|w| (c.name.as_str(), w))).collect();
        let declared = padding(&prefix.iter().map(|(_, w)| *w).collect::<Vec<_>>());
        let mut sorted = prefix.clone();
        // Stable: columns of equal alignment keep their declared order.
        sorted.sort_by(|a, b| b.1.1.cmp(&a.1.1).then(b.1.0.cmp(&a.1.0)));
        let best = padding(&sorted.iter().map(|(_, w)| *w).collect::<Vec<_>>());
        let saved = declared - best.min(declared);
        if saved < 8 {
            return;
        }
        let qn = cx.resolve(&ct.name);
        let t = cx.show(&qn);
        let order = sorted.iter().map(|(n, _)| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        out.push(
            Finding::new(
                ColumnPadding::META.name,
                cx.op.span,
                format!("The column order of `{t}` wastes {saved} bytes of alignment padding in every row"),
            )
            .with_help(format!("declare these columns in the order {order}, before any variable-width column"))
            .with_object(table_object(&qn)),
        );
    }
}
