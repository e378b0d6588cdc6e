//! What a rule sees: the stream, its ordered migrations, the replay, and for per-op rules
//! the schema just before the op.

use sg_model::migration::DeclaredSchema;

use crate::Settings;
use sg_model::{Dialect, FileId, Layout, Migration, ObjectKey, Op, QualifiedName, ReplayEvent, Schema};

/// The stream a rule is checking.
#[derive(Clone, Debug)]
pub struct StreamInfo {
    pub id: String,
    pub layout: Layout,
    pub dialect: Dialect,
}

impl StreamInfo {
    /// Whether `key` is the migration tool's own bookkeeping table (or part of it), which
    /// the tool creates before the first migration, so no migration needs to.
    pub fn is_bookkeeping(&self, key: &ObjectKey) -> bool {
        let Some(bookkeeping) = self.layout.bookkeeping_table() else { return false };
        key.table().is_some_and(|t| t.name.key() == bookkeeping)
    }
}

/// A replay event placed in the history: which migration, and the position of the op in
/// the stream (ops are numbered across all migrations, in order).
#[derive(Clone, Debug)]
pub struct HistoryEvent {
    pub migration: usize,
    pub position: usize,
    pub event: ReplayEvent,
}

/// A whole stream after replay.
pub struct StreamContext<'a> {
    pub stream: &'a StreamInfo,
    pub settings: &'a Settings,
    /// In replay order.
    pub migrations: &'a [Migration],
    /// The schema after the last migration.
    pub head: &'a Schema,
    pub events: &'a [HistoryEvent],
    /// Declared state at the head (GORM models, diesel's `schema.rs`), if the stream has any.
    pub declared: &'a [DeclaredSchema],
}

/// The text of the files ops come from, for rules that offer a fix.
pub trait SourceText: Sync {
    /// The whole text of `file` when it is SQL exactly as the database receives it (a
    /// `.sql` file), so that an edit of the SQL is an edit of the file; `None` for SQL in a
    /// Python, Go or Rust string literal, where escapes and concatenation stand between
    /// the two.
    fn sql_file(&self, file: FileId) -> Option<&str>;
}

/// One up operation, with the state of the schema around it.
pub struct OpContext<'a> {
    pub stream: &'a StreamInfo,
    pub settings: &'a Settings,
    pub migrations: &'a [Migration],
    pub migration_index: usize,
    /// The op's position in its migration's `up`.
    pub op_index: usize,
    pub op: &'a Op,
    /// The schema just before this op.
    pub before: &'a Schema,
    /// The schema before this op's migration began.
    pub migration_start: &'a Schema,
    pub sources: &'a dyn SourceText,
}

impl OpContext<'_> {
    pub fn migration(&self) -> &Migration {
        &self.migrations[self.migration_index]
    }

    pub fn dialect(&self) -> Dialect {
        self.stream.dialect
    }

    /// The ops of this migration that come after this one.
    pub fn later_ops(&self) -> &[Op] {
        self.migration().up.get(self.op_index + 1..).unwrap_or(&[])
    }

    /// The ops of this migration that come before this one.
    pub fn earlier_ops(&self) -> &[Op] {
        &self.migration().up[..self.op_index.min(self.migration().up.len())]
    }

    /// Whether `table` was created by this op's own migration: such a table holds no rows
    /// and no deployed code uses it yet, so locking and compatibility hazards do not apply.
    pub fn table_is_new(&self, table: &QualifiedName) -> bool {
        self.before.table(table).is_none_or(|t| t.origin.migration >= self.migration_index)
    }
}
