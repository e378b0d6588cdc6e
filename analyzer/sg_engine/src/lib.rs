//! The engine: discovery, parallel extraction, ordering, replay and rule runs, behind one
//! analysis API that the CLI and the language server share.
//!
//! Invariant: the output is deterministic. Files are loaded in sorted order so their ids
//! never depend on thread timing, and diagnostics are sorted by path, position and rule
//! before they leave the engine.

mod analysis;
mod baseline;
pub mod config;
mod ecosystem;
pub mod files;
pub mod fs;
mod lock;
mod order;
mod plan;
mod suppress;

use std::path::Path;

pub use analysis::{Analysis, Diagnostic, DialectSource, Stream, Workspace, analyze};
pub use baseline::{apply_baseline, fingerprint, write_baseline};
pub use config::{CONFIG_FILE, Config, ConfigError};
pub use files::{FileTable, SourceFile};
pub use fs::{DiskFs, MemoryFs, OverlayFs, SourceFs};
pub use lock::{SUM_FILE, sum_file};

/// Loads `schemagraph.toml` from `root`, or `explicit` when given. A missing default file
/// is an empty configuration; a missing explicit file is an error.
pub fn load_config(root: &Path, explicit: Option<&Path>) -> Result<Config, ConfigError> {
    let (path, required) = match explicit {
        Some(p) => (p.to_owned(), true),
        None => (root.join(CONFIG_FILE), false),
    };
    let shown = path.display().to_string();
    match std::fs::read_to_string(&path) {
        Ok(text) => Config::parse(&text, &shown),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(Config::default()),
        Err(e) => Err(ConfigError { file: shown, message: format!("cannot read the configuration: {e}") }),
    }
}
