//! What discovery hands to extraction: streams, the units that make them, and how their
//! migrations are ordered.
//!
//! Each ecosystem (SQL directories, Alembic, Go, Rust) defines its own unit types; the
//! engine only calls [`Unit::extract`], so an ecosystem plugs in without the engine knowing
//! its files.

use sg_model::migration::DeclaredSchema;
use sg_model::{Dialect, FileId, Finding, Layout, Migration};

use crate::files::FileTable;

/// How a stream's migrations are put in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Order {
    /// By `Migration::key`: numbers, timestamps, Flyway version sequences.
    Version,
    /// Topologically over `Migration::parents` and `depends_on` (Alembic), ties broken by
    /// key; migrations on a cycle or under a missing parent come last, by key.
    Graph,
    /// In the order the units produced them (sqlc's schema files, GORM's `AutoMigrate`,
    /// SeaORM's migrator vector).
    AsGiven,
}

/// A dialect stated by a tool's own configuration (sqlc's `engine`, Alembic's database
/// URL), with where it was read.
#[derive(Clone, Debug)]
pub(crate) struct ToolDialect {
    pub(crate) dialect: Dialect,
    #[allow(dead_code, reason = "kept for messages that say where a dialect was read; none needs it yet")]
    pub(crate) from: String,
}

pub(crate) struct StreamPlan {
    pub(crate) id: String,
    /// The stream's directory, relative to the root (`""` for the root itself).
    pub(crate) dir: String,
    pub(crate) layout: Layout,
    pub(crate) order: Order,
    pub(crate) tool_dialect: Option<ToolDialect>,
    pub(crate) units: Vec<Box<dyn Unit>>,
    /// Declared state at the head (GORM models, diesel's `schema.rs`), compared with the
    /// migrated schema by `model-migration-drift`.
    pub(crate) declared: Vec<Box<dyn DeclaredUnit>>,
}

impl StreamPlan {
    pub(crate) fn new(id: String, dir: String, layout: Layout, order: Order) -> StreamPlan {
        StreamPlan { id, dir, layout, order, tool_dialect: None, units: Vec::new(), declared: Vec::new() }
    }
}

/// What a unit sees when it is extracted.
pub(crate) struct UnitCx<'a> {
    pub(crate) files: &'a FileTable,
    pub(crate) dialect: Dialect,
    pub(crate) layout: Layout,
    /// `[python] types` for this dialect: application-defined SQLAlchemy types.
    pub(crate) python_types: &'a std::collections::BTreeMap<String, String>,
}

#[derive(Default)]
pub(crate) struct UnitOutput {
    pub(crate) migrations: Vec<Migration>,
    pub(crate) findings: Vec<Finding>,
}

/// A piece of a stream that yields migrations: one migration file (or pair of files), one
/// Alembic revision, one goose Go file, one SeaORM migration.
pub(crate) trait Unit: Send + Sync {
    /// The files whose text can say which dialect the stream uses.
    fn sources(&self) -> Vec<FileId>;

    /// Every file the unit reads; the language server rebuilds the stream when one
    /// changes. A unit that reads host-language files (a SeaORM crate, a refinery `.rs`
    /// migration) lists them here but not in `sources`, since their text says nothing
    /// about the SQL dialect.
    fn files(&self) -> Vec<FileId> {
        self.sources()
    }

    fn extract(&self, cx: &UnitCx<'_>) -> UnitOutput;
}

/// A piece of declared state: a set of models, a `schema.rs`.
pub(crate) trait DeclaredUnit: Send + Sync {
    /// The files the declaration is read from; the language server rebuilds the stream
    /// when one changes.
    fn sources(&self) -> Vec<FileId> {
        Vec::new()
    }

    fn extract(&self, cx: &UnitCx<'_>) -> (Option<DeclaredSchema>, Vec<Finding>);
}
