//! `enum-value-without-position`: ALTER TYPE ... ADD VALUE that does not say where.

use sg_model::op::EnumChange;
use sg_model::{Finding, OpKind};

use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration adds an enum value without BEFORE or AFTER.
    ///
    /// ## What it does
    /// Reports PostgreSQL's `ALTER TYPE ... ADD VALUE` without `BEFORE` or `AFTER` on an
    /// enum an earlier migration created (squawk's `require-enum-value-ordering`).
    ///
    /// ## Why is this bad?
    /// Enum values sort in the order they were declared, and `ORDER BY`, `<`, `>` and
    /// range checks follow that order. Without a position the value goes last, which is
    /// right for some enums (a new status after the others) and wrong for many (a new
    /// priority between `low` and `high`); the statement should say which was meant.
    /// The order cannot be changed later without recreating the type.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_priority.up.sql
    /// CREATE TYPE priority AS ENUM ('low', 'high');
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_medium.up.sql
    /// ALTER TYPE priority ADD VALUE 'medium';
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_priority.up.sql
    /// CREATE TYPE priority AS ENUM ('low', 'high');
    /// ```
    /// ```sql,file=migrations/000002_medium.up.sql
    /// ALTER TYPE priority ADD VALUE 'medium' AFTER 'low';
    /// ```
    ///
    /// ## Fix
    /// Say where the value goes: `ADD VALUE 'medium' AFTER 'low'`, or `AFTER` the current
    /// last value when it belongs at the end.
    pub struct EnumValueWithoutPosition {
        name: "enum-value-without-position",
        category: Design,
        severity: Note,
    }
}

impl Rule for EnumValueWithoutPosition {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::AlterEnum { name, change: EnumChange::AddValue { value, before: None, after: None, .. } } =
            &cx.op.kind
        else {
            return;
        };
        if !cx.is_postgres() {
            return;
        }
        let qn = cx.resolve(name);
        let Some(existing) = cx.before.enums.get(&qn) else { return };
        if existing.origin.migration >= cx.migration_index {
            return;
        }
        let ty = cx.show(&qn);
        let last = existing.values.last().map(String::as_str).unwrap_or_default();
        out.push(
            Finding::new(
                EnumValueWithoutPosition::META.name,
                cx.op.span,
                format!("`{value}` is added to `{ty}` without BEFORE or AFTER, so it sorts after `{last}`"),
            )
            .with_help(format!(
                "say where it belongs: `ALTER TYPE {ty} ADD VALUE '{value}' AFTER '{last}'` if last is intended, or `BEFORE`/`AFTER` the value it follows"
            ))
            .with_object(format!("type:{qn}:{value}")),
        );
    }
}
