//! `rename-enum-value`: renaming a value deployed code writes and compares against.

use sg_model::op::EnumChange;
use sg_model::{Finding, OpKind};

use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration renames a value of an existing enum.
    ///
    /// ## What it does
    /// Reports `ALTER TYPE ... RENAME VALUE` on an enum an earlier migration created.
    ///
    /// ## Why is this bad?
    /// Deployed code writes and compares the old label; writes fail as soon as the value
    /// is renamed, and reads silently stop matching.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_status.up.sql
    /// CREATE TYPE order_status AS ENUM ('pending', 'done');
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_rename.up.sql
    /// ALTER TYPE order_status RENAME VALUE 'done' TO 'completed';
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TYPE order_status AS ENUM ('pending', 'done');
    /// ALTER TYPE order_status RENAME VALUE 'done' TO 'completed';
    /// ```
    ///
    /// ## Fix
    /// Add the new value, deploy code that writes it and accepts both, update the rows,
    /// then stop accepting the old value.
    pub struct RenameEnumValue {
        name: "rename-enum-value",
        category: Compat,
        severity: Warning,
    }
}

impl Rule for RenameEnumValue {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let OpKind::AlterEnum { name, change: EnumChange::RenameValue { from, to } } = &cx.op.kind else { return };
        let qn = cx.resolve(name);
        if !cx.before.enums.get(&qn).is_some_and(|e| e.origin.migration < cx.migration_index && e.values.contains(from))
        {
            return;
        }
        let t = cx.show(&qn);
        out.push(
            Finding::new(
                RenameEnumValue::META.name,
                cx.op.span,
                format!("Renaming '{from}' to '{to}' in `{t}` breaks deployed code that writes or compares '{from}'"),
            )
            .with_help(format!(
                "add '{to}' with `ALTER TYPE {t} ADD VALUE '{to}'`, deploy code that accepts both, update the rows, then retire '{from}'"
            ))
            .with_object(format!("type:{qn}:{from}")),
        );
    }
}
