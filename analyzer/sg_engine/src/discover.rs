//! Discovery: finds migration directories and decides each one's layout.
//!
//! A stream is one directory of migrations (a diesel directory of version directories
//! counts as one), so a directory with per-dialect subdirectories (`mysql/`, `postgres/`)
//! yields one stream per subdirectory. A directory qualifies when its file names or
//! markers are distinctive (`.up.sql`, `V1__`, `-- +goose Up`, `-- migrate:up`), or when
//! it holds numbered `.sql` files and its path looks like migrations (`migrations/`,
//! `db/`, `sql/`, ...).

use std::collections::{BTreeMap, BTreeSet};

use sg_extract_sql::{Direction, MigrationName, parse_name};
use sg_model::{FileId, Layout};

use crate::config::Config;
use crate::files::Loader;

#[derive(Debug)]
pub(crate) struct StreamPlan {
    pub(crate) id: String,
    pub(crate) dir: String,
    pub(crate) layout: Layout,
    pub(crate) units: Vec<UnitPlan>,
}

#[derive(Debug)]
pub(crate) struct UnitPlan {
    pub(crate) name: MigrationName,
    pub(crate) up: Option<FileId>,
    pub(crate) down: Option<FileId>,
    /// Diesel's `metadata.toml`.
    pub(crate) metadata: Option<FileId>,
}

/// Path components that mark a directory as holding migrations.
const MIGRATION_DIR_NAMES: &[&str] =
    &["sql", "schema", "schemas", "db", "database", "ddl", "changelog", "changes", "patches", "evolutions", "upgrades"];

pub(crate) fn is_migrations_like(dir: &str) -> bool {
    dir.split('/').any(|c| {
        let c = c.to_ascii_lowercase();
        c.contains("migrat") || MIGRATION_DIR_NAMES.contains(&c.as_str()) || sg_model::Dialect::from_name(&c).is_some()
    })
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

/// The language projects the tree holds, by directory: a stream inside a Rust crate is
/// sqlx or refinery rather than golang-migrate or Flyway.
pub(crate) struct Projects {
    rust: BTreeSet<String>,
}

impl Projects {
    pub(crate) fn new(paths: &[String]) -> Projects {
        let rust = paths.iter().filter(|p| file_name(p) == "Cargo.toml").map(|p| parent(p).to_owned()).collect();
        Projects { rust }
    }

    pub(crate) fn is_rust(&self, dir: &str) -> bool {
        let mut d = dir;
        loop {
            if self.rust.contains(d) {
                return true;
            }
            if d.is_empty() {
                return false;
            }
            d = parent(d);
        }
    }
}

pub(crate) fn discover(paths: &[String], config: &Config, loader: &mut Loader<'_>) -> Vec<StreamPlan> {
    let projects = Projects::new(paths);
    let mut by_dir: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for p in paths {
        by_dir.entry(parent(p)).or_default().push(file_name(p));
    }
    // A diesel migrations directory holds only version directories (its `.keep` is
    // hidden), so directories without files of their own must be visited too.
    let with_files: Vec<&str> = by_dir.keys().copied().collect();
    for dir in with_files {
        let mut d = dir;
        while !d.is_empty() {
            d = parent(d);
            by_dir.entry(d).or_default();
        }
    }
    let mut plans = Vec::new();
    let mut diesel_version_dirs: BTreeSet<String> = BTreeSet::new();

    for (&dir, names) in &by_dir {
        let configured = config.stream(if dir.is_empty() { "." } else { dir });
        let forced = configured.and_then(|s| s.layout());
        let id = configured
            .and_then(|s| s.name.clone())
            .unwrap_or_else(|| if dir.is_empty() { ".".into() } else { dir.into() });

        // Diesel: this directory's subdirectories are versions holding up.sql.
        let diesel_units = diesel_units(dir, &by_dir, loader);
        if (forced.is_none() || forced == Some(Layout::Diesel)) && !diesel_units.is_empty() {
            for u in &diesel_units {
                diesel_version_dirs.insert(join(dir, &u.0));
            }
            let units = diesel_units.into_iter().map(|(_, u)| u).collect();
            plans.push(StreamPlan { id, dir: dir.to_owned(), layout: Layout::Diesel, units });
            continue;
        }
        if diesel_version_dirs.contains(dir) {
            continue;
        }

        let sql: Vec<&str> = names.iter().copied().filter(|n| n.ends_with(".sql")).collect();
        if sql.is_empty() && forced.is_none() {
            continue;
        }
        let layout = match forced {
            Some(l) => Some(l),
            None => detect_layout(dir, &sql, &projects, loader),
        };
        let Some(layout) = layout else { continue };
        let units = units(dir, &sql, layout, loader);
        if units.is_empty() && configured.is_none() {
            continue;
        }
        plans.push(StreamPlan { id, dir: dir.to_owned(), layout, units });
    }
    plans
}

fn detect_layout(dir: &str, sql: &[&str], projects: &Projects, loader: &mut Loader<'_>) -> Option<Layout> {
    let rust = projects.is_rust(dir);
    let flyway = sql.iter().filter(|n| parse_name(n, Layout::Flyway).is_some()).count();
    if flyway > 0 && flyway * 2 >= sql.len() {
        return Some(if rust { Layout::Refinery } else { Layout::Flyway });
    }
    let numbered: Vec<&str> = sql.iter().copied().filter(|n| parse_name(n, Layout::Plain).is_some()).collect();
    if numbered.is_empty() {
        return None;
    }
    let mut goose = false;
    let mut dbmate = false;
    for name in &numbered {
        let id = loader.load(&join(dir, name));
        let text = loader.text(id).to_ascii_lowercase();
        goose |= text.contains("+goose up");
        dbmate |= text.contains("-- migrate:up");
    }
    if goose {
        return Some(Layout::Goose);
    }
    if dbmate {
        return Some(Layout::Dbmate);
    }
    let reversible = numbered.iter().any(|n| n.ends_with(".up.sql") || n.ends_with(".down.sql"));
    if reversible {
        return Some(if rust { Layout::Sqlx } else { Layout::GolangMigrate });
    }
    if !is_migrations_like(dir) {
        return None;
    }
    Some(if rust { Layout::Sqlx } else { Layout::Plain })
}

fn diesel_units(dir: &str, by_dir: &BTreeMap<&str, Vec<&str>>, loader: &mut Loader<'_>) -> Vec<(String, UnitPlan)> {
    let prefix = if dir.is_empty() { String::new() } else { format!("{dir}/") };
    let mut out = Vec::new();
    for (&sub, names) in by_dir.range::<&str, _>(prefix.as_str()..) {
        let Some(rest) = sub.strip_prefix(prefix.as_str()) else { break };
        if rest.is_empty() || rest.contains('/') || !names.contains(&"up.sql") {
            continue;
        }
        let Some(name) = parse_name(rest, Layout::Diesel) else { continue };
        let up = Some(loader.load(&join(sub, "up.sql")));
        let down = names.contains(&"down.sql").then(|| loader.load(&join(sub, "down.sql")));
        let metadata = names.contains(&"metadata.toml").then(|| loader.load(&join(sub, "metadata.toml")));
        out.push((rest.to_owned(), UnitPlan { name, up, down, metadata }));
    }
    out
}

fn units(dir: &str, sql: &[&str], layout: Layout, loader: &mut Loader<'_>) -> Vec<UnitPlan> {
    // Pair up and down files by version and, for golang-migrate style, by name too.
    let mut pairs: BTreeMap<(String, String), UnitPlan> = BTreeMap::new();
    for name in sql {
        let Some(parsed) = parse_name(name, layout) else { continue };
        let id = loader.load(&join(dir, name));
        let key = match layout {
            Layout::Flyway => (parsed.key.version.iter().map(|v| format!("{v:?}")).collect::<String>(), String::new()),
            _ => (parsed.version.clone(), parsed.name.clone()),
        };
        let key = if parsed.key.repeatable { (format!("R:{}", parsed.name), String::new()) } else { key };
        let unit =
            pairs.entry(key).or_insert_with(|| UnitPlan { name: parsed.clone(), up: None, down: None, metadata: None });
        match parsed.direction {
            Direction::Down => unit.down = Some(id),
            Direction::Up | Direction::Both => {
                unit.name = parsed;
                unit.up = Some(id);
            }
        }
    }
    pairs.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn discover_files(files: &[&str]) -> Vec<StreamPlan> {
        let fs = files.iter().fold(crate::fs::MemoryFs::new(), |fs, f| fs.with(f, "SELECT 1;\n"));
        let paths: Vec<String> = files.iter().map(|f| (*f).to_owned()).collect();
        let mut loader = Loader::new(&fs);
        discover(&paths, &Config::default(), &mut loader)
    }

    #[test]
    fn diesel_directory_without_files_of_its_own() {
        let plans = discover_files(&[
            "migrations/00000000000000_diesel_initial_setup/up.sql",
            "migrations/2024-03-01-120000_b/up.sql",
            "migrations/2024-03-01-120000_b/down.sql",
            "migrations/20240115093000_a/up.sql",
        ]);
        assert_eq!(plans.len(), 1, "{plans:?}");
        assert_eq!((plans[0].dir.as_str(), plans[0].layout), ("migrations", Layout::Diesel));
        assert_eq!(plans[0].units.len(), 3);
        // Also when the analyzed root is the migrations directory itself.
        let plans = discover_files(&["2024-03-01-120000_b/up.sql", "20240115093000_a/up.sql"]);
        assert_eq!((plans.len(), plans[0].id.as_str()), (1, "."));
    }

    #[test]
    fn migrations_like_paths() {
        assert!(is_migrations_like("db/migrations"));
        assert!(is_migrations_like("services/billing/sql"));
        assert!(is_migrations_like("schema/postgres"));
        assert!(!is_migrations_like("src/templates"));
    }
}
