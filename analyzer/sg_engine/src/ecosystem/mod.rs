//! Ecosystems: each finds the streams written in its language or for its tool, and says
//! how to extract them.
//!
//! They run in order. Tools with explicit configuration (Alembic's `alembic.ini`, sqlc's
//! `sqlc.yaml`, sqlx's `migrate!` paths) run before the SQL directory heuristics and claim
//! their directories, so a directory is one stream, read the way its tool reads it.
//! Declared models (GORM, diesel's `schema.rs`) run last and attach to the streams found.

mod alembic;
mod go;
mod rust;
mod sql;

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::files::Loader;
use crate::plan::StreamPlan;

/// What every ecosystem's discovery sees.
pub(crate) struct DiscoverCx<'a, 'fs> {
    /// Every file of the tree, sorted, relative to the root.
    pub(crate) paths: &'a [String],
    /// File names by directory.
    pub(crate) by_dir: BTreeMap<String, Vec<String>>,
    pub(crate) loader: &'a mut Loader<'fs>,
    pub(crate) config: &'a Config,
    pub(crate) projects: Projects,
    /// Directories an earlier ecosystem made a stream of.
    pub(crate) claimed: BTreeSet<String>,
}

pub(crate) trait Ecosystem: Sync {
    /// Finds streams and adds them to `plans`, or adds units and declared state to
    /// streams already there.
    fn discover(&self, cx: &mut DiscoverCx<'_, '_>, plans: &mut Vec<StreamPlan>);
}

/// The ecosystems, in the order they run.
const ECOSYSTEMS: &[&dyn Ecosystem] = &[
    &alembic::AlembicEnvironments,
    &go::SqlcProjects,
    &go::GooseGoMigrations,
    &rust::RustProjects,
    &sql::SqlDirectories,
    &go::GormModels,
    &rust::DieselSchemas,
];

pub(crate) fn discover(paths: &[String], config: &Config, loader: &mut Loader<'_>) -> Vec<StreamPlan> {
    let mut by_dir: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in paths {
        by_dir.entry(parent(p).to_owned()).or_default().push(file_name(p).to_owned());
    }
    // A diesel migrations directory holds only version directories (its `.keep` is
    // hidden), so directories without files of their own must be visited too.
    let with_files: Vec<String> = by_dir.keys().cloned().collect();
    for dir in with_files {
        let mut d = dir.as_str();
        while !d.is_empty() {
            d = parent(d);
            by_dir.entry(d.to_owned()).or_default();
        }
    }
    let mut cx = DiscoverCx { paths, by_dir, loader, config, projects: Projects::new(paths), claimed: BTreeSet::new() };
    let mut plans = Vec::new();
    for ecosystem in ECOSYSTEMS {
        ecosystem.discover(&mut cx, &mut plans);
    }
    plans.sort_by(|a, b| a.id.cmp(&b.id));
    plans
}

pub(crate) fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

pub(crate) fn file_name(path: &str) -> &str {
    path.rfind('/').map_or(path, |i| &path[i + 1..])
}

pub(crate) fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() { name.to_owned() } else { format!("{dir}/{name}") }
}

/// `path`, written relative to `dir` (`../schema`, `./db`), as a path relative to the
/// root; `..` past the root stops at the root.
pub(crate) fn resolve_relative(dir: &str, path: &str) -> String {
    let mut parts: Vec<&str> = if dir.is_empty() || dir == "." { Vec::new() } else { dir.split('/').collect() };
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The id a stream gets: the configured name, else its directory (`.` for the root).
pub(crate) fn stream_id(config: &Config, dir: &str) -> String {
    let shown = if dir.is_empty() { "." } else { dir };
    config.stream(shown).and_then(|s| s.name.clone()).unwrap_or_else(|| shown.to_owned())
}

/// The language projects the tree holds, by directory: a stream inside a Rust crate is
/// sqlx or refinery rather than golang-migrate or Flyway.
pub(crate) struct Projects {
    rust: BTreeSet<String>,
    go: BTreeSet<String>,
}

impl Projects {
    pub(crate) fn new(paths: &[String]) -> Projects {
        let dirs_with =
            |marker: &str| paths.iter().filter(|p| file_name(p) == marker).map(|p| parent(p).to_owned()).collect();
        Projects { rust: dirs_with("Cargo.toml"), go: dirs_with("go.mod") }
    }

    pub(crate) fn is_rust(&self, dir: &str) -> bool {
        Self::within(&self.rust, dir)
    }

    /// The directory of the Go module (its `go.mod`) that holds `dir`.
    pub(crate) fn go_root(&self, dir: &str) -> Option<&str> {
        let mut d = dir;
        loop {
            if let Some(root) = self.go.get(d) {
                return Some(root.as_str());
            }
            if d.is_empty() {
                return None;
            }
            d = parent(d);
        }
    }

    fn within(roots: &BTreeSet<String>, dir: &str) -> bool {
        let mut d = dir;
        loop {
            if roots.contains(d) {
                return true;
            }
            if d.is_empty() {
                return false;
            }
            d = parent(d);
        }
    }
}
