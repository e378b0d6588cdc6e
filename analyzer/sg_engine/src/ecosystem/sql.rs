//! SQL migration directories: finds them and decides each one's layout.
//!
//! A stream is one directory of migrations (a diesel directory of version directories
//! counts as one), so a directory with per-dialect subdirectories (`mysql/`, `postgres/`)
//! yields one stream per subdirectory. A directory qualifies when its file names or
//! markers are distinctive (`.up.sql`, `V1__`, `-- +goose Up`, `-- migrate:up`), or when
//! it holds numbered `.sql` files and its path looks like migrations (`migrations/`,
//! `db/`, `sql/`, ...). Directories another ecosystem claimed are left alone.

use std::collections::BTreeMap;

use sg_extract_sql::{
    Direction, Extraction, MigrationName, diesel_run_in_transaction, extract_migration_file, parse_name,
};
use sg_model::migration::DeclaredSchema;
use sg_model::{FileId, Finding, Layout, Migration, OffsetMap, Op, OpKind, Span};

use super::{DiscoverCx, Ecosystem, Projects, join, stream_id};
use crate::files::{FileTable, Loader};
use crate::plan::{DeclaredUnit, Order, StreamPlan, Unit, UnitCx, UnitOutput};

/// Path components that mark a directory as holding migrations.
const MIGRATION_DIR_NAMES: &[&str] =
    &["sql", "schema", "schemas", "db", "database", "ddl", "changelog", "changes", "patches", "evolutions", "upgrades"];

pub(crate) fn is_migrations_like(dir: &str) -> bool {
    dir.split('/').any(|c| {
        let c = c.to_ascii_lowercase();
        c.contains("migrat") || MIGRATION_DIR_NAMES.contains(&c.as_str()) || sg_model::Dialect::from_name(&c).is_some()
    })
}

pub(crate) struct SqlDirectories;

impl Ecosystem for SqlDirectories {
    fn discover(&self, cx: &mut DiscoverCx<'_, '_>, plans: &mut Vec<StreamPlan>) {
        let dirs: Vec<String> = cx.by_dir.keys().cloned().collect();
        let mut diesel_version_dirs: std::collections::BTreeSet<String> = Default::default();
        for dir in dirs {
            if cx.claimed.contains(&dir) || diesel_version_dirs.contains(&dir) {
                continue;
            }
            let shown = if dir.is_empty() { "." } else { dir.as_str() };
            let configured = cx.config.stream(shown).is_some();
            let forced = cx.config.stream(shown).and_then(|s| s.layout());
            let id = stream_id(cx.config, &dir);

            // Diesel: this directory's subdirectories are versions holding up.sql.
            if forced.is_none() || forced == Some(Layout::Diesel) {
                let diesel = diesel_units(&dir, &cx.by_dir, cx.loader);
                if !diesel.is_empty() {
                    let mut plan = StreamPlan::new(id, dir.clone(), Layout::Diesel, Order::Version);
                    for (sub, unit) in diesel {
                        diesel_version_dirs.insert(join(&dir, &sub));
                        plan.units.push(Box::new(unit));
                    }
                    cx.claimed.insert(dir);
                    plans.push(plan);
                    continue;
                }
            }

            let sql: Vec<String> = cx.by_dir[&dir].iter().filter(|n| n.ends_with(".sql")).cloned().collect();
            if sql.is_empty() && forced.is_none() {
                continue;
            }
            let layout = match forced {
                Some(l) => Some(l),
                None => detect_layout(&dir, &sql, &cx.projects, cx.loader),
            };
            let Some(layout) = layout else { continue };
            let units = sql_units(&dir, &sql, layout, cx.loader);
            if units.is_empty() && !configured {
                continue;
            }
            let mut plan = StreamPlan::new(id, dir.clone(), layout, Order::Version);
            plan.units = units.into_iter().map(|u| Box::new(u) as Box<dyn Unit>).collect();
            // dbmate dumps the schema its migrations produce to `db/schema.sql` beside
            // `db/migrations`; that dump is the declared state of the stream.
            if layout == Layout::Dbmate {
                let dump = join(super::parent(&dir), "schema.sql");
                if cx.paths.binary_search(&dump).is_ok() {
                    let file = cx.loader.load(&dump);
                    plan.declared.push(Box::new(SchemaDump { file, path: dump }));
                }
            }
            cx.claimed.insert(dir);
            plans.push(plan);
        }
    }
}

fn detect_layout(dir: &str, sql: &[String], projects: &Projects, loader: &mut Loader<'_>) -> Option<Layout> {
    let rust = projects.is_rust(dir);
    let flyway = sql.iter().filter(|n| parse_name(n, Layout::Flyway).is_some()).count();
    if flyway > 0 && flyway * 2 >= sql.len() {
        return Some(if rust { Layout::Refinery } else { Layout::Flyway });
    }
    let numbered: Vec<&String> = sql.iter().filter(|n| parse_name(n, Layout::Plain).is_some()).collect();
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

/// One migration of a SQL directory: an up file, maybe a down file, maybe diesel's
/// `metadata.toml`.
#[derive(Debug)]
pub(crate) struct SqlUnit {
    pub(crate) name: MigrationName,
    pub(crate) up: Option<FileId>,
    pub(crate) down: Option<FileId>,
    pub(crate) metadata: Option<FileId>,
}

fn diesel_units(dir: &str, by_dir: &BTreeMap<String, Vec<String>>, loader: &mut Loader<'_>) -> Vec<(String, SqlUnit)> {
    let prefix = if dir.is_empty() { String::new() } else { format!("{dir}/") };
    let mut out = Vec::new();
    for (sub, names) in by_dir.range(prefix.clone()..) {
        let Some(rest) = sub.strip_prefix(prefix.as_str()) else { break };
        let has = |n: &str| names.iter().any(|x| x == n);
        if rest.is_empty() || rest.contains('/') || !has("up.sql") {
            continue;
        }
        let Some(name) = parse_name(rest, Layout::Diesel) else { continue };
        let up = Some(loader.load(&join(sub, "up.sql")));
        let down = has("down.sql").then(|| loader.load(&join(sub, "down.sql")));
        let metadata = has("metadata.toml").then(|| loader.load(&join(sub, "metadata.toml")));
        out.push((rest.to_owned(), SqlUnit { name, up, down, metadata }));
    }
    out
}

/// The units of a SQL directory: up and down files paired by version and, for
/// golang-migrate style names, by name too; Flyway undo files pair by version alone.
pub(crate) fn sql_units(dir: &str, sql: &[String], layout: Layout, loader: &mut Loader<'_>) -> Vec<SqlUnit> {
    let mut pairs: BTreeMap<(String, String), SqlUnit> = BTreeMap::new();
    for name in sql {
        let Some(parsed) = parse_name(name, layout) else { continue };
        let id = loader.load(&join(dir, name));
        let key = if parsed.key.repeatable {
            (format!("R:{}", parsed.name), String::new())
        } else if layout == Layout::Flyway {
            (format!("{:?}", parsed.key.version), String::new())
        } else {
            (parsed.version.clone(), parsed.name.clone())
        };
        let unit =
            pairs.entry(key).or_insert_with(|| SqlUnit { name: parsed.clone(), up: None, down: None, metadata: None });
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

impl Unit for SqlUnit {
    fn sources(&self) -> Vec<FileId> {
        [self.up, self.down].into_iter().flatten().collect()
    }

    fn extract(&self, cx: &UnitCx<'_>) -> UnitOutput {
        let mut out = UnitOutput::default();
        // A down file without its up is not a migration a tool would run.
        let Some(up_file) = self.up else { return out };
        let files = cx.files;
        let parse = |id: FileId| {
            let text = files.text(id);
            extract_migration_file(text, &OffsetMap::identity(id, text.len()), cx.dialect, cx.layout)
        };
        let take = |e: Extraction, findings: &mut Vec<Finding>| -> Vec<Op> {
            findings.extend(e.findings);
            e.ops
        };
        let up = parse(up_file);
        let mut transactional = up.transactional;
        let down = match self.down {
            Some(id) => {
                let file = parse(id);
                let mut ops = take(file.up, &mut out.findings);
                if let Some(d) = file.down {
                    ops.extend(take(d, &mut out.findings));
                }
                Some(ops)
            }
            None => up.down.map(|d| take(d, &mut out.findings)),
        };
        let up_ops = take(up.up, &mut out.findings);
        transactional = layout_transactional(cx.layout, transactional, &up_ops, files, up_file, self.metadata);
        let whole = Span::first_line(up_file, files.text(up_file));
        out.migrations.push(Migration {
            version: self.name.version.clone(),
            name: self.name.name.clone(),
            key: self.name.key.clone(),
            parents: Vec::new(),
            depends_on: Vec::new(),
            branch_labels: Vec::new(),
            parents_span: whole,
            up: up_ops,
            down,
            transactional,
            file: up_file,
            down_file: self.down,
            span: whole,
        });
        out
    }
}

/// A schema dump (`pg_dump --schema-only` output, as dbmate writes it): declared state.
struct SchemaDump {
    file: FileId,
    path: String,
}

impl DeclaredUnit for SchemaDump {
    fn sources(&self) -> Vec<FileId> {
        vec![self.file]
    }

    fn extract(&self, cx: &UnitCx<'_>) -> (Option<DeclaredSchema>, Vec<Finding>) {
        let text = cx.files.text(self.file);
        let e = sg_extract_sql::extract_sql(text, &OffsetMap::identity(self.file, text.len()), cx.dialect);
        (Some(DeclaredSchema::new(format!("`{}`", self.path), e.ops)), e.findings)
    }
}

/// Whether the tool runs the migration in a transaction.
fn layout_transactional(
    layout: Layout,
    from_markers: bool,
    up: &[Op],
    files: &FileTable,
    up_file: FileId,
    metadata: Option<FileId>,
) -> bool {
    match layout {
        // golang-migrate sends the file as one multi-statement query, which PostgreSQL runs
        // in an implicit transaction; a single statement runs on its own.
        Layout::GolangMigrate => up.iter().filter(|op| !matches!(op.kind, OpKind::NoEffect { .. })).count() > 1,
        Layout::Sqlx => !files.text(up_file).trim_start().starts_with("-- no-transaction"),
        Layout::Diesel => metadata.and_then(|m| diesel_run_in_transaction(files.text(m))).unwrap_or(true),
        _ => from_markers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn discover_files(files: &[&str]) -> Vec<StreamPlan> {
        let fs = files.iter().fold(crate::fs::MemoryFs::new(), |fs, f| fs.with(f, "SELECT 1;\n"));
        let paths: Vec<String> = files.iter().map(|f| (*f).to_owned()).collect();
        let mut loader = Loader::new(&fs);
        super::super::discover(&paths, &Config::default(), &mut loader)
    }

    #[test]
    fn diesel_directory_without_files_of_its_own() {
        let plans = discover_files(&[
            "migrations/00000000000000_diesel_initial_setup/up.sql",
            "migrations/2024-03-01-120000_b/up.sql",
            "migrations/2024-03-01-120000_b/down.sql",
            "migrations/20240115093000_a/up.sql",
        ]);
        assert_eq!(plans.len(), 1);
        assert_eq!((plans[0].dir.as_str(), plans[0].layout), ("migrations", Layout::Diesel));
        assert_eq!(plans[0].units.len(), 3);
        // Also when the analyzed root is the migrations directory itself.
        let plans = discover_files(&["2024-03-01-120000_b/up.sql", "20240115093000_a/up.sql"]);
        assert_eq!((plans.len(), plans[0].id.as_str()), (1, "."));
    }

    /// pg_dump writes `CREATE SCHEMA public;` when it dumps named schemas (`-n public`), as
    /// dbmate does for the schemas of a `search_path` in its URL. In a dump that declares the
    /// state it is no finding; in a migration, PostgreSQL refuses it on a database that has
    /// `public` (checked on PostgreSQL 15), so it is a duplicate there.
    #[test]
    fn a_dump_may_create_the_public_schema_and_a_migration_may_not() {
        let up =
            "-- migrate:up\nCREATE TABLE accounts (id bigint PRIMARY KEY);\n-- migrate:down\nDROP TABLE accounts;\n";
        let dump = "CREATE SCHEMA public;\nCOMMENT ON SCHEMA public IS 'standard public schema';\nCREATE TABLE public.accounts (id bigint NOT NULL);\nALTER TABLE ONLY public.accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);\n";
        let rules = |files: &[(&str, &str)]| {
            let fs = files.iter().fold(crate::fs::MemoryFs::new(), |fs, (p, t)| fs.with(p, *t));
            let a = crate::analyze(&fs, &Config::default());
            let declared = a.streams.iter().map(|s| s.declared.len()).collect::<Vec<_>>();
            (declared, a.diagnostics.iter().map(|d| d.finding.rule).collect::<Vec<_>>())
        };
        let (declared, found) = rules(&[("db/migrations/20240101000000_init.sql", up), ("db/schema.sql", dump)]);
        assert_eq!(declared, [1]);
        assert!(found.is_empty(), "{found:?}");
        let (declared, found) =
            rules(&[("db/migrations/20240101000000_init.sql", up), ("db/migrations/20240102000000_dump.sql", dump)]);
        assert_eq!(declared, [0]);
        assert!(found.contains(&"duplicate-object"), "{found:?}");
    }

    #[test]
    fn migrations_like_paths() {
        assert!(is_migrations_like("db/migrations"));
        assert!(is_migrations_like("services/billing/sql"));
        assert!(is_migrations_like("schema/postgres"));
        assert!(!is_migrations_like("src/templates"));
    }
}
