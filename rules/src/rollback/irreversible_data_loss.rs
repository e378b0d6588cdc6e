//! `irreversible-data-loss`: an up migration destroys data that no down can bring back.

use std::collections::BTreeSet;

use sg_model::op::DataChangeKind;
use sg_model::{Finding, Op, OpKind, QualifiedName};

use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration destroys data that its down migration cannot bring back.
    ///
    /// ## What it does
    /// Reports up statements that delete data of tables created by earlier migrations:
    /// `DROP TABLE`, `DROP COLUMN`, `DROP SCHEMA`, `TRUNCATE` and `DELETE`. A down migration
    /// can recreate the table or column, but not its rows. Tables and columns created in
    /// the same migration hold no data and are not reported.
    ///
    /// A dropped, truncated or emptied table is not reported when the down migration puts
    /// the rows back: it inserts into the table with `INSERT INTO ... SELECT` from a table
    /// the up migration filled (created with `CREATE TABLE ... AS SELECT`, or filled with
    /// `INSERT ... SELECT`), as a migration that merges tables into a new one and drops
    /// them, or moves rows to an archive table, can undo itself.
    ///
    /// ## Why is this bad?
    /// Rolling back a release is supposed to be safe; after this migration it silently
    /// restores an empty table or a column of NULLs, and the data is gone unless someone
    /// restores a backup.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, nickname text);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_drop_nickname.up.sql
    /// ALTER TABLE users DROP COLUMN nickname;
    /// ```
    /// ```sql,file=migrations/000002_drop_nickname.down.sql
    /// ALTER TABLE users ADD COLUMN nickname text;
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, nickname text);
    /// ```
    /// ```sql,file=migrations/000002_archive.up.sql
    /// CREATE TABLE users_nickname_archive AS SELECT id, nickname FROM users;
    /// ```
    ///
    /// ### Valid
    /// The up merges `post_likes` into a new table; the down recreates `post_likes` and
    /// fills it again from that table:
    /// ```sql,file=migrations/000001_post_likes.up.sql
    /// CREATE TABLE post_likes (person_id bigint, post_id bigint, score smallint NOT NULL);
    /// ```
    /// ```sql,file=migrations/000002_merge.up.sql
    /// CREATE TABLE post_actions AS SELECT person_id, post_id, score AS like_score FROM post_likes;
    /// DROP TABLE post_likes;
    /// ```
    /// ```sql,file=migrations/000002_merge.down.sql
    /// CREATE TABLE post_likes (person_id bigint, post_id bigint, score smallint NOT NULL);
    /// INSERT INTO post_likes (person_id, post_id, score)
    /// SELECT person_id, post_id, like_score FROM post_actions WHERE like_score IS NOT NULL;
    /// DROP TABLE post_actions;
    /// ```
    ///
    /// ## Fix
    /// Copy the data somewhere the down migration can restore it from (an archive table
    /// dropped in a much later migration), or accept the loss with a suppression whose
    /// reason says why it is acceptable.
    pub struct IrreversibleDataLoss {
        name: "irreversible-data-loss",
        category: Rollback,
        severity: Warning,
    }
}

/// Whether the down migration inserts rows into `table` from a table the up migration
/// filled, which puts back what the up deleted.
fn down_refills(cx: &OpContext<'_>, table: &QualifiedName) -> bool {
    let Some(down) = &cx.migration().down else { return false };
    let filled: BTreeSet<QualifiedName> = cx
        .migration()
        .up
        .iter()
        .filter_map(|op: &Op| match &op.kind {
            OpKind::CreateTable(ct) if ct.as_select => Some(cx.resolve(&ct.name)),
            OpKind::DataChange { kind: DataChangeKind::Insert, table: Some(t), from } if !from.is_empty() => {
                Some(cx.resolve(t))
            }
            _ => None,
        })
        .filter(|t| t != table)
        .collect();
    down.iter().any(|op| match &op.kind {
        OpKind::DataChange { kind: DataChangeKind::Insert, table: Some(t), from } => {
            cx.resolve(t) == *table && from.iter().any(|f| filled.contains(&cx.resolve(f)))
        }
        _ => false,
    })
}

impl Rule for IrreversibleDataLoss {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let (what, object) = match &cx.op.kind {
            OpKind::DropTable { name, .. }
                if cx.table_before_migration(name).is_some() && !down_refills(cx, &cx.resolve(name)) =>
            {
                let qn = cx.resolve(name);
                (format!("Dropping table `{}` deletes its rows", cx.show(&qn)), format!("table:{qn}"))
            }
            OpKind::DropColumn { table, column, .. } if cx.column_before_migration(table, column).is_some() => {
                let qn = cx.resolve(table);
                (
                    format!("Dropping column `{}.{column}` deletes its values", cx.show(&qn)),
                    format!("column:{qn}.{column}"),
                )
            }
            OpKind::DropSchema { name, .. }
                if cx.before.schemas.get(name).is_some_and(|o| o.migration < cx.migration_index) =>
            {
                (format!("Dropping schema `{name}` deletes the data of every table in it"), format!("schema:{name}"))
            }
            OpKind::DataChange { kind, table: Some(table), .. }
                if matches!(
                    kind,
                    DataChangeKind::Truncate | DataChangeKind::TruncateCascade | DataChangeKind::Delete
                ) && cx.table_before_migration(table).is_some()
                    && !down_refills(cx, &cx.resolve(table)) =>
            {
                let qn = cx.resolve(table);
                let verb = if *kind == DataChangeKind::Delete { "Deleting rows from" } else { "Truncating" };
                (format!("{verb} `{}` destroys data", cx.show(&qn)), format!("data:{qn}"))
            }
            _ => return,
        };
        let down = match &cx.migration().down {
            Some(_) => "its down migration can recreate the structure but not the data",
            None => "and there is no down migration",
        };
        out.push(
            Finding::new(IrreversibleDataLoss::META.name, cx.op.span, format!("{what}; {down}"))
                .with_help("copy the data to an archive table first (and restore it in the down), or allow this finding with a reason saying why the loss is acceptable")
                .with_object(object),
        );
    }
}
