//! The Go extractor: goose Go migrations and GORM models, read with tree-sitter-go.
//!
//! Go is read, never compiled or run. The queries live in `grammars/go/`. A goose migration
//! file gives its registration, the up and down functions it names, and the SQL they
//! execute, which goes to the SQL extractor with an offset map into the Go file (`goose`).
//! GORM structs give the tables GORM's migrator creates for them (`gorm`), with GORM's
//! naming strategy (`naming`), tag semantics (`tags`) and the column types of each
//! driver (`types`). Whatever is known only at run time (`fmt.Sprintf` SQL, loops, helpers,
//! types from packages outside the analyzed files) becomes an `Opaque` op or a note with the
//! reason, reported as `unsupported-construct`.
//!
//! Invariant: this crate never parses SQL itself; it hands SQL text to `sg_extract_sql`.
//! Extraction never fails: syntax errors are located findings, and the rest is still read.

mod go;
mod goose;
mod gorm;
mod naming;
mod tags;
mod types;

pub use goose::{GooseGoMigration, extract_goose_go, goose_go_name};
pub use gorm::{GoSource, GormExtraction, extract_gorm, gorm_driver, mentions_gorm};
