//! Writers: every format schemagraph prints is rendered here, from the engine's `Analysis`.
//!
//! Invariant: only this crate knows miette and SARIF. Each writer is a function from the
//! analysis (or a schema) to a string, so every format can be snapshot-tested.

mod github;
mod graph;
mod human;
mod json;
mod sarif;
mod schema;

pub use github::github;
pub use graph::{dot, mermaid};
pub use human::{HumanOptions, human};
pub use json::json;
pub use sarif::sarif;
pub use schema::{SchemaView, schema_json, schema_sql};

use sg_engine::FileTable;
use sg_model::Span;

/// A span as 1-based start and end line and character column; the end is exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

pub fn region(files: &FileTable, span: Span) -> Region {
    let start = files.line_col(span.file, span.start as usize);
    let end = files.line_col(span.file, span.end as usize);
    Region { line: start.line, column: start.column, end_line: end.line, end_column: end.column }
}
