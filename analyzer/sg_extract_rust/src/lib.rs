//! The Rust extractor: diesel's `schema.rs`, sqlx and refinery migration paths, refinery's
//! `.rs` migrations and SeaORM migration crates, read with syn.
//!
//! It never runs or compiles the code it reads. SQL found in strings (`execute_unprepared`,
//! a refinery `migration()` returning a literal, `include_str!`) goes to
//! [`sg_extract_sql::extract_sql`] with an offset map into the `.rs` (or included) file, so
//! findings land where the SQL is written. What cannot be worked out statically (SQL built
//! from run-time values, loops, conditions the analyzer cannot decide, barrel builders)
//! becomes an `Opaque` op with the reason and an `unsupported-construct` finding; a file
//! syn cannot parse yields a located `unparsed-statement` finding.
//!
//! Invariant: this crate depends on no other extractor but `sg_extract_sql`, does no IO
//! (the engine hands it file texts through [`SourceSet`]) and never guesses.

mod diesel;
mod hints;
mod names;
mod paths;
mod refinery;
mod seaorm;
mod source;
mod strings;

use sg_model::FileId;

pub use diesel::{DieselToml, PrintSchema, TableFilter, diesel_schema};
pub use hints::{DirRef, RustHints, Tool, includes, scan, worth_scanning};
pub use paths::{include_path, join_normalized, module_paths};
pub use refinery::refinery_migration;
pub use seaorm::{SeaOrmCrate, SeaOrmOptions, seaorm_migrations};

/// The files an extraction may read besides the one it was given: the engine loads them
/// during discovery and answers from its file table.
pub trait SourceSet {
    fn text(&self, file: FileId) -> &str;
    /// The file's path relative to the analyzed root, `/`-separated; SeaORM names a
    /// migration after its file.
    fn path(&self, file: FileId) -> &str;
    /// The file `include_str!(path)` in `from` reads, if it exists.
    fn include(&self, from: FileId, path: &str) -> Option<FileId>;
    /// The file of module `name` declared with `mod name;` in `from` (`#[path = ...]` given
    /// as `path_attr`), if it exists.
    fn module(&self, from: FileId, name: &str, path_attr: Option<&str>) -> Option<FileId>;
}
