//! `drop-foreign-key`: removing a foreign key from an existing table.

use sg_model::op::ConstraintKindTag;
use sg_model::{Finding, OpKind};

use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration drops a foreign key of an existing table.
    ///
    /// ## What it does
    /// Reports `DROP CONSTRAINT` of a foreign key (and MySQL's `DROP FOREIGN KEY`) on a
    /// table an earlier migration created, unless the same migration adds a foreign key on
    /// the same columns again (a key being replaced, for example by its composite,
    /// tenant-aware form).
    ///
    /// ## Why is this bad?
    /// From this point the database no longer keeps the relation consistent: orphaned rows
    /// appear, `ON DELETE CASCADE` stops cleaning up, and in a multi-tenant schema nothing
    /// stops a row from pointing at another tenant's rows any more.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_init.up.sql
    /// CREATE TABLE projects (id bigint PRIMARY KEY);
    /// CREATE TABLE tasks (id bigint PRIMARY KEY, project_id bigint CONSTRAINT tasks_project_fk REFERENCES projects (id));
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_drop.up.sql
    /// ALTER TABLE tasks DROP CONSTRAINT tasks_project_fk;
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_init.up.sql
    /// CREATE TABLE projects (id bigint PRIMARY KEY);
    /// CREATE TABLE tasks (id bigint PRIMARY KEY, project_id bigint CONSTRAINT tasks_project_fk REFERENCES projects (id));
    /// ```
    /// ```sql,file=migrations/000002_replace.up.sql
    /// ALTER TABLE tasks DROP CONSTRAINT tasks_project_fk;
    /// ALTER TABLE tasks ADD CONSTRAINT tasks_project_fk FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE NOT VALID;
    /// ```
    ///
    /// ## Fix
    /// Keep the key; if it must change, add its replacement in the same migration.
    pub struct DropForeignKey {
        name: "drop-foreign-key",
        category: Graph,
        severity: Note,
    }
}

impl Rule for DropForeignKey {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let (table, name) = match &cx.op.kind {
            OpKind::DropConstraint { table, name, .. } => (table, name),
            OpKind::DropConstraintOfKind { table, name: Some(name), kind: ConstraintKindTag::ForeignKey } => {
                (table, name)
            }
            _ => return,
        };
        let Some(t) = cx.table_before_migration(table) else { return };
        let Some(fk) = t.foreign_keys.iter().find(|f| &f.name == name) else { return };
        if fk.origin.migration >= cx.migration_index {
            return;
        }
        let qn = cx.resolve(table);
        let replaced = cx.later_ops().iter().any(|op| match &op.kind {
            OpKind::AddConstraint { table: t2, constraint } => {
                cx.resolve(t2) == qn
                    && matches!(&constraint.kind, sg_model::op::ConstraintKind::ForeignKey(f)
                        if fk.columns.iter().all(|c| f.columns.contains(c)))
            }
            _ => false,
        });
        if replaced {
            return;
        }
        let show = cx.show(&qn);
        out.push(
            Finding::new(
                DropForeignKey::META.name,
                cx.op.span,
                format!(
                    "Dropping foreign key `{name}` stops the database from keeping `{show}` consistent with `{}`",
                    fk.referenced_table.display(cx.dialect())
                ),
            )
            .with_help("keep the key, or add its replacement in the same migration")
            .with_object(format!("fk:{qn}.{name}")),
        );
    }
}
