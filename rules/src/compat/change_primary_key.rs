//! `change-primary-key`: replacing or dropping the primary key of an existing table.

use sg_model::op::{ConstraintKind, ConstraintKindTag};
use sg_model::{Finding, OpKind};

use crate::support::table_object;
use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration changes or drops the primary key of an existing table.
    ///
    /// ## What it does
    /// Reports adding a primary key on different columns than the table had before the
    /// migration, and dropping a primary key that is not replaced in the same migration.
    ///
    /// ## Why is this bad?
    /// Code, caches, replicas and foreign keys identify rows by the primary key. Changing
    /// it breaks lookups and upserts of deployed code, and rebuilding the key's index locks
    /// the table.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_memberships.up.sql
    /// CREATE TABLE memberships (id bigint PRIMARY KEY, user_id bigint NOT NULL, team_id bigint NOT NULL);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_composite.up.sql
    /// ALTER TABLE memberships DROP CONSTRAINT memberships_pkey;
    /// ALTER TABLE memberships ADD PRIMARY KEY (user_id, team_id);
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_memberships.up.sql
    /// CREATE TABLE memberships (id bigint PRIMARY KEY, user_id bigint NOT NULL, team_id bigint NOT NULL);
    /// ```
    /// ```sql,file=migrations/000002_unique.up.sql
    /// CREATE UNIQUE INDEX CONCURRENTLY memberships_user_team ON memberships (user_id, team_id);
    /// ```
    ///
    /// ## Fix
    /// Keep the old key and add a unique index on the new columns; move code to the new
    /// identity first, and switch the key only when nothing depends on the old one.
    pub struct ChangePrimaryKey {
        name: "change-primary-key",
        category: Compat,
        severity: Warning,
    }
}

impl Rule for ChangePrimaryKey {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let (table, adds) = match &cx.op.kind {
            OpKind::AddConstraint { table, constraint }
                if matches!(constraint.kind, ConstraintKind::PrimaryKey { .. }) =>
            {
                (table, true)
            }
            OpKind::DropConstraint { table, name, .. } => {
                let is_pk =
                    cx.table_before_op(table).and_then(|t| t.primary_key.as_ref()).is_some_and(|pk| &pk.name == name);
                if !is_pk {
                    return;
                }
                (table, false)
            }
            OpKind::DropConstraintOfKind { table, kind: ConstraintKindTag::PrimaryKey, .. } => (table, false),
            _ => return,
        };
        // The key as the migration found it: an earlier op of this migration may have
        // dropped it already.
        let Some(old_pk) = cx.migration_start.table(&cx.resolve(table)).and_then(|t| t.primary_key.clone()) else {
            return;
        };
        let qn = cx.resolve(table);
        let t = cx.show(&qn);
        let old_cols = old_pk.columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        let message = if adds {
            let ConstraintKind::PrimaryKey { columns, .. } = (match &cx.op.kind {
                OpKind::AddConstraint { constraint, .. } => &constraint.kind,
                _ => return,
            }) else {
                return;
            };
            if columns == &old_pk.columns || columns.is_empty() {
                return;
            }
            let new_cols = columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
            format!(
                "The primary key of `{t}` changes from ({old_cols}) to ({new_cols}); deployed code and foreign keys identify rows by the old key"
            )
        } else {
            // Dropping is reported only when the same migration does not add a key back;
            // the add is then the change that is reported.
            let replaced = cx.later_ops().iter().any(|op| {
                matches!(&op.kind, OpKind::AddConstraint { table: t2, constraint }
                    if cx.resolve(t2) == qn && matches!(constraint.kind, ConstraintKind::PrimaryKey { .. }))
            });
            if replaced {
                return;
            }
            format!(
                "The primary key ({old_cols}) of `{t}` is dropped; deployed code and foreign keys identify rows by it"
            )
        };
        out.push(
            Finding::new(ChangePrimaryKey::META.name, cx.op.span, message)
                .with_help(format!(
                    "keep the primary key of `{t}` and add a unique index (built CONCURRENTLY) on the new columns; switch the key only once nothing uses the old one"
                ))
                .with_object(table_object(&qn)),
        );
    }
}
