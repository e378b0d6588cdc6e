//! Rust projects: migration directories named in code, refinery's `.rs` migrations, SeaORM
//! migration crates, and diesel's `schema.rs` as declared state.
//!
//! [`RustProjects`] runs before the SQL directory heuristics and claims what Rust code
//! names: `sqlx::migrate!("db/changes")` (a directory that need not be called
//! `migrations`), `refinery::embed_migrations!("sql")` and any directory of refinery
//! `V{n}__name.rs` files, and every crate that implements SeaORM's `MigratorTrait`.
//! [`DieselSchemas`] runs after them and attaches each `schema.rs` (named by
//! `diesel.toml`'s `[print_schema] file`, else `src/schema.rs` beside the migrations) to
//! the diesel stream it describes.
//!
//! Sources are read with syn only after a cheap text test, and only files that matter are
//! loaded into the file table.

use std::collections::BTreeSet;

use sg_extract_rust::{
    DieselToml, PrintSchema, SeaOrmCrate, SeaOrmOptions, SourceSet, Tool, include_path, join_normalized, module_paths,
};
use sg_extract_sql::{Direction, MigrationName, parse_name};
use sg_model::migration::DeclaredSchema;
use sg_model::{Dialect, FileId, Finding, Layout, Migration, Span};

use super::sql::sql_units;
use super::{DiscoverCx, Ecosystem, file_name, join, parent, stream_id};
use crate::files::FileTable;
use crate::plan::{DeclaredUnit, Order, StreamPlan, ToolDialect, Unit, UnitCx, UnitOutput};

pub(crate) struct RustProjects;

pub(crate) struct DieselSchemas;

/// The crate a path belongs to: the nearest directory above it with a `Cargo.toml`.
fn crate_root(cx: &DiscoverCx<'_, '_>, dir: &str) -> Option<String> {
    let mut d = dir;
    loop {
        if cx.paths.binary_search(&join(d, "Cargo.toml")).is_ok() {
            return Some(d.to_owned());
        }
        if d.is_empty() {
            return None;
        }
        d = parent(d);
    }
}

/// Whether `dir` holds files (directly or below).
fn dir_exists(cx: &DiscoverCx<'_, '_>, dir: &str) -> bool {
    cx.by_dir.contains_key(dir)
}

/// The directories at and below `dir`.
fn subdirs<'c>(cx: &'c DiscoverCx<'_, '_>, dir: &'c str) -> impl Iterator<Item = &'c String> + 'c {
    let prefix = format!("{dir}/");
    cx.by_dir.keys().filter(move |d| d.as_str() == dir || dir.is_empty() || d.starts_with(&prefix))
}

impl Ecosystem for RustProjects {
    fn discover(&self, cx: &mut DiscoverCx<'_, '_>, plans: &mut Vec<StreamPlan>) {
        let rust_files: Vec<String> =
            cx.paths.iter().filter(|p| p.ends_with(".rs") && cx.projects.is_rust(parent(p))).cloned().collect();
        let mut sqlx_dirs: BTreeSet<String> = BTreeSet::new();
        let mut refinery_dirs: BTreeSet<String> = BTreeSet::new();
        let mut migrators: Vec<String> = Vec::new();
        for path in &rust_files {
            let Some(text) = cx.loader.peek(path) else { continue };
            if !sg_extract_rust::worth_scanning(&text) {
                continue;
            }
            let hints = sg_extract_rust::scan(&text);
            if hints.seaorm_migrator {
                migrators.push(path.clone());
            }
            let Some(root) = crate_root(cx, parent(path)) else { continue };
            for dir in hints.dirs {
                let tool = match dir.tool {
                    Tool::EmbedUnknown => match crate_dependency(cx, &root, "refinery") {
                        Some(_) => Tool::Refinery,
                        None => Tool::Diesel,
                    },
                    t => t,
                };
                let rel = dir.path.as_deref().unwrap_or("migrations");
                // Compile-time macros resolve against the crate root; sqlx's run-time
                // `Migrator::new` against the working directory, usually the crate or the
                // repository root.
                let candidates = [join_normalized(&root, rel), join_normalized("", rel)];
                let Some(found) = candidates.into_iter().flatten().find(|d| dir_exists(cx, d)) else { continue };
                match tool {
                    Tool::Sqlx => {
                        sqlx_dirs.insert(found);
                    }
                    Tool::Refinery => {
                        refinery_dirs.insert(found);
                    }
                    // diesel's migrations directory is found by its layout, whatever its name.
                    Tool::Diesel | Tool::EmbedUnknown => {}
                }
            }
        }
        // Refinery's Rust migrations give a directory away by themselves.
        for (dir, names) in &cx.by_dir {
            let rs_migrations = names.iter().any(|n| n.ends_with(".rs") && parse_name(n, Layout::Refinery).is_some());
            if rs_migrations && cx.projects.is_rust(dir) && !refinery_dirs.iter().any(|r| within(dir, r)) {
                refinery_dirs.insert(dir.clone());
            }
        }
        for dir in sqlx_dirs {
            if cx.claimed.contains(&dir) || configured_elsewhere(cx, &dir, Layout::Sqlx) {
                continue;
            }
            let sql: Vec<String> = cx.by_dir[&dir].iter().filter(|n| n.ends_with(".sql")).cloned().collect();
            let units = sql_units(&dir, &sql, Layout::Sqlx, cx.loader);
            let mut plan = StreamPlan::new(stream_id(cx.config, &dir), dir.clone(), Layout::Sqlx, Order::Version);
            plan.tool_dialect = cargo_dialect(
                cx,
                &dir,
                "sqlx",
                &[("postgres", Dialect::Postgres), ("mysql", Dialect::MySql), ("sqlite", Dialect::Sqlite)],
            );
            plan.units = units.into_iter().map(|u| Box::new(u) as Box<dyn Unit>).collect();
            cx.claimed.insert(dir);
            plans.push(plan);
        }
        for dir in refinery_dirs {
            if cx.claimed.contains(&dir) || configured_elsewhere(cx, &dir, Layout::Refinery) {
                continue;
            }
            refinery_plan(cx, &dir, plans);
        }
        for migrator in migrators {
            seaorm_plan(cx, &migrator, plans);
        }
    }
}

fn within(dir: &str, ancestor: &str) -> bool {
    dir == ancestor || ancestor.is_empty() || dir.starts_with(&format!("{ancestor}/"))
}

/// Whether `schemagraph.toml` forces another layout on `dir`.
fn configured_elsewhere(cx: &DiscoverCx<'_, '_>, dir: &str, layout: Layout) -> bool {
    let shown = if dir.is_empty() { "." } else { dir };
    cx.config.stream(shown).and_then(|s| s.layout()).is_some_and(|l| l != layout)
}

/// A refinery stream: `V{n}__name.sql` and `.rs` files, in the directory and below it, as
/// refinery finds them.
fn refinery_plan(cx: &mut DiscoverCx<'_, '_>, dir: &str, plans: &mut Vec<StreamPlan>) {
    let dirs: Vec<String> = subdirs(cx, dir).cloned().collect();
    let mut plan = StreamPlan::new(stream_id(cx.config, dir), dir.to_owned(), Layout::Refinery, Order::Version);
    plan.tool_dialect = cargo_dialect(
        cx,
        dir,
        "refinery",
        &[
            ("postgres", Dialect::Postgres),
            ("tokio-postgres", Dialect::Postgres),
            ("mysql", Dialect::MySql),
            ("mysql_async", Dialect::MySql),
            ("rusqlite", Dialect::Sqlite),
        ],
    );
    for d in dirs {
        let names = cx.by_dir[&d].clone();
        let sql: Vec<String> = names.iter().filter(|n| n.ends_with(".sql")).cloned().collect();
        plan.units
            .extend(sql_units(&d, &sql, Layout::Refinery, cx.loader).into_iter().map(|u| Box::new(u) as Box<dyn Unit>));
        for n in names.iter().filter(|n| n.ends_with(".rs")) {
            if let Some(name) = parse_name(n, Layout::Refinery) {
                let file = cx.loader.load(&join(&d, n));
                plan.units.push(Box::new(RefineryRsUnit { name, file }));
            }
        }
        cx.claimed.insert(d);
    }
    if !plan.units.is_empty() {
        plans.push(plan);
    }
}

/// A SeaORM migration crate: every `.rs` file of its `src/` (and around the migrator), and
/// the files they include.
fn seaorm_plan(cx: &mut DiscoverCx<'_, '_>, migrator: &str, plans: &mut Vec<StreamPlan>) {
    let Some(root) = crate_root(cx, parent(migrator)) else { return };
    // `<dir>/src/lib.rs` is the root of the crate `<dir>`, even when its manifest is not
    // named `Cargo.toml` (sea-orm-cli's template keeps `_Cargo.toml`).
    let mut dir = match parent(migrator).strip_suffix("/src") {
        Some(d) if matches!(file_name(migrator), "lib.rs" | "main.rs") => d.to_owned(),
        _ => root.clone(),
    };
    if cx.claimed.contains(&dir) {
        // A second migrator in one crate (test migrators): a stream of its own, named after it.
        dir = migrator.strip_suffix(".rs").unwrap_or(migrator).to_owned();
        if cx.claimed.contains(&dir) {
            return;
        }
    }
    let mut scanned: BTreeSet<String> = BTreeSet::new();
    let mut files = Vec::new();
    let mut includes = Vec::new();
    // The migrations are modules below the migrator's directory, or beside it (a
    // `migrator/` next to a `migration/` directory); within the crate either way.
    let beside = parent(parent(migrator));
    let beside = if within(beside, &root) { beside } else { parent(migrator) };
    for top in [join(&root, "src"), beside.to_owned()] {
        for d in subdirs(cx, &top).cloned().collect::<Vec<_>>() {
            if !scanned.insert(d.clone()) {
                continue;
            }
            for n in cx.by_dir[&d].clone() {
                if !n.ends_with(".rs") {
                    continue;
                }
                let path = join(&d, &n);
                let id = cx.loader.load(&path);
                for rel in sg_extract_rust::includes(cx.loader.text(id)) {
                    if let Some(p) = include_path(&path, &rel)
                        && cx.paths.binary_search(&p).is_ok()
                    {
                        includes.push(p);
                    }
                }
                files.push(id);
            }
        }
    }
    let migrator_id = cx.loader.load(migrator);
    let mut sources = Vec::new();
    for p in includes {
        let id = cx.loader.load(&p);
        // An included SQL file belongs to this stream, not to a stream of its own.
        cx.claimed.insert(parent(&p).to_owned());
        sources.push(id);
    }
    let mut plan = StreamPlan::new(stream_id(cx.config, &dir), dir.clone(), Layout::SeaOrm, Order::AsGiven);
    plan.tool_dialect = cargo_dialect(
        cx,
        &root,
        "sea-orm-migration",
        &[("sqlx-postgres", Dialect::Postgres), ("sqlx-mysql", Dialect::MySql), ("sqlx-sqlite", Dialect::Sqlite)],
    )
    .or_else(|| {
        cargo_dialect(
            cx,
            &root,
            "sea-orm",
            &[("sqlx-postgres", Dialect::Postgres), ("sqlx-mysql", Dialect::MySql), ("sqlx-sqlite", Dialect::Sqlite)],
        )
    });
    let opts = SeaOrmOptions { sea_query_1: seaorm_major(cx, &root).is_some_and(|m| m >= 2) };
    plan.units.push(Box::new(SeaOrmUnit { krate: SeaOrmCrate { migrator: migrator_id, files }, sql: sources, opts }));
    cx.claimed.insert(dir);
    plans.push(plan);
}

/// A dependency's entry in the crate's `Cargo.toml`, merged with the workspace's when it
/// says `workspace = true`.
fn crate_dependency(cx: &DiscoverCx<'_, '_>, root: &str, name: &str) -> Option<toml::Table> {
    let read = |path: &str| -> Option<toml::Table> { cx.loader.peek(path)?.parse().ok() };
    let manifest = read(&join(root, "Cargo.toml"))?;
    let entry = ["dependencies", "dev-dependencies", "build-dependencies"]
        .iter()
        .find_map(|section| manifest.get(*section)?.as_table()?.get(name).cloned())?;
    let mut table = match entry {
        toml::Value::String(version) => toml::Table::from_iter([("version".to_owned(), toml::Value::String(version))]),
        toml::Value::Table(t) => t,
        _ => return None,
    };
    if table.get("workspace").and_then(toml::Value::as_bool) == Some(true) {
        // The workspace root is the nearest ancestor whose manifest has `[workspace]`.
        let mut d = root;
        while !d.is_empty() {
            d = parent(d);
            if let Some(ws) = read(&join(d, "Cargo.toml"))
                && let Some(deps) =
                    ws.get("workspace").and_then(|w| w.get("dependencies")).and_then(toml::Value::as_table)
            {
                match deps.get(name) {
                    Some(toml::Value::String(v)) => {
                        table.insert("version".into(), toml::Value::String(v.clone()));
                    }
                    Some(toml::Value::Table(t)) => {
                        for (k, v) in t {
                            match (k.as_str(), table.get_mut(k)) {
                                ("features", Some(toml::Value::Array(mine))) => {
                                    mine.extend(v.as_array().cloned().unwrap_or_default())
                                }
                                _ => {
                                    table.entry(k.clone()).or_insert_with(|| v.clone());
                                }
                            }
                        }
                    }
                    _ => {}
                }
                break;
            }
        }
    }
    Some(table)
}

/// The dialect a crate's dependency features select, when exactly one is enabled.
fn cargo_dialect(
    cx: &DiscoverCx<'_, '_>,
    dir: &str,
    dependency: &str,
    features: &[(&str, Dialect)],
) -> Option<ToolDialect> {
    let root = crate_root(cx, dir)?;
    let dep = crate_dependency(cx, &root, dependency)?;
    let enabled: BTreeSet<Dialect> = dep
        .get("features")?
        .as_array()?
        .iter()
        .filter_map(toml::Value::as_str)
        .filter_map(|f| features.iter().find(|(name, _)| *name == f).map(|(_, d)| *d))
        .collect();
    match enabled.iter().collect::<Vec<_>>().as_slice() {
        [only] => Some(ToolDialect {
            dialect: **only,
            from: format!("the `{dependency}` features in `{}`", join(&root, "Cargo.toml")),
        }),
        _ => None,
    }
}

/// The major version of SeaORM the migration crate depends on.
fn seaorm_major(cx: &DiscoverCx<'_, '_>, root: &str) -> Option<u64> {
    let dep = crate_dependency(cx, root, "sea-orm-migration").or_else(|| crate_dependency(cx, root, "sea-orm"))?;
    let version = dep.get("version")?.as_str()?;
    let digits: String =
        version.trim_start_matches(['^', '=', '~', '>', '<', ' ']).chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

impl Ecosystem for DieselSchemas {
    fn discover(&self, cx: &mut DiscoverCx<'_, '_>, plans: &mut Vec<StreamPlan>) {
        let mut attached: BTreeSet<String> = BTreeSet::new();
        let configs: Vec<String> = cx.paths.iter().filter(|p| file_name(p) == "diesel.toml").cloned().collect();
        for config in configs {
            let base = parent(&config).to_owned();
            let file = cx.loader.load(&config);
            let (toml, findings) = DieselToml::parse(file, cx.loader.text(file));
            cx.loader.findings.extend(findings);
            let migrations =
                join_normalized(&base, toml.migrations_dir.as_deref().unwrap_or("migrations")).unwrap_or_default();
            let Some(plan) = plans.iter_mut().find(|p| p.dir == migrations && p.layout == Layout::Diesel) else {
                continue;
            };
            for print in toml.print_schema {
                let Some(path) = join_normalized(&base, &print.file) else { continue };
                if cx.paths.binary_search(&path).is_err() {
                    continue;
                }
                let schema = cx.loader.load(&path);
                plan.declared.push(Box::new(SchemaRs {
                    file: schema,
                    path: path.clone(),
                    config: Some(file),
                    print: Some(print),
                }));
                attached.insert(path);
            }
        }
        // Without `diesel.toml`, the crate's `src/schema.rs` beside the migrations is the
        // convention `diesel print-schema > src/schema.rs` follows.
        for plan in plans.iter_mut().filter(|p| p.layout == Layout::Diesel && p.declared.is_empty()) {
            let path = join(&join(parent(&plan.dir), "src"), "schema.rs");
            if attached.contains(&path) || cx.paths.binary_search(&path).is_err() {
                continue;
            }
            if !cx.loader.peek(&path).is_some_and(|t| t.contains("table!")) {
                continue;
            }
            let file = cx.loader.load(&path);
            plan.declared.push(Box::new(SchemaRs { file, path, config: None, print: None }));
        }
    }
}

/// The engine's files, as the Rust extractor reads them.
struct Sources<'a> {
    files: &'a FileTable,
}

impl SourceSet for Sources<'_> {
    fn text(&self, file: FileId) -> &str {
        self.files.text(file)
    }

    fn path(&self, file: FileId) -> &str {
        self.files.path(file)
    }

    fn include(&self, from: FileId, path: &str) -> Option<FileId> {
        self.files.find(&include_path(self.files.path(from), path)?)
    }

    fn module(&self, from: FileId, name: &str, path_attr: Option<&str>) -> Option<FileId> {
        module_paths(self.files.path(from), name, path_attr).iter().find_map(|p| self.files.find(p))
    }
}

/// A refinery `V{n}__name.rs` migration.
struct RefineryRsUnit {
    name: MigrationName,
    file: FileId,
}

impl Unit for RefineryRsUnit {
    fn sources(&self) -> Vec<FileId> {
        // Rust text says nothing about the SQL dialect.
        Vec::new()
    }

    fn files(&self) -> Vec<FileId> {
        vec![self.file]
    }

    fn extract(&self, cx: &UnitCx<'_>) -> UnitOutput {
        let e = sg_extract_rust::refinery_migration(&Sources { files: cx.files }, self.file, cx.dialect);
        debug_assert!(self.name.direction != Direction::Down);
        UnitOutput {
            migrations: vec![Migration {
                version: self.name.version.clone(),
                name: self.name.name.clone(),
                key: self.name.key.clone(),
                parents: Vec::new(),
                depends_on: Vec::new(),
                branch_labels: Vec::new(),
                parents_span: Span::first_line(self.file, cx.files.text(self.file)),
                up: e.ops,
                down: None,
                transactional: true,
                file: self.file,
                down_file: None,
                span: Span::first_line(self.file, cx.files.text(self.file)),
            }],
            findings: e.findings,
        }
    }
}

/// A whole SeaORM crate: its `Iden` enums are shared by every migration, so the crate is
/// read as one unit.
struct SeaOrmUnit {
    krate: SeaOrmCrate,
    /// SQL files the migrations include.
    sql: Vec<FileId>,
    opts: SeaOrmOptions,
}

impl Unit for SeaOrmUnit {
    fn sources(&self) -> Vec<FileId> {
        self.sql.clone()
    }

    fn files(&self) -> Vec<FileId> {
        let mut files = self.krate.files.clone();
        files.push(self.krate.migrator);
        files.extend(&self.sql);
        files
    }

    fn extract(&self, cx: &UnitCx<'_>) -> UnitOutput {
        let (migrations, findings) =
            sg_extract_rust::seaorm_migrations(&Sources { files: cx.files }, &self.krate, cx.dialect, self.opts);
        UnitOutput { migrations, findings }
    }
}

/// diesel's `schema.rs`: the declared state at the head of a diesel stream.
struct SchemaRs {
    file: FileId,
    path: String,
    /// The `diesel.toml` that names it, and the configuration it gives.
    config: Option<FileId>,
    print: Option<PrintSchema>,
}

impl DeclaredUnit for SchemaRs {
    fn sources(&self) -> Vec<FileId> {
        [Some(self.file), self.config].into_iter().flatten().collect()
    }

    fn extract(&self, cx: &UnitCx<'_>) -> (Option<DeclaredSchema>, Vec<Finding>) {
        let source = format!("diesel's `{}`", self.path);
        sg_extract_rust::diesel_schema(self.file, cx.files.text(self.file), cx.dialect, source, self.print.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::files::Loader;
    use crate::fs::MemoryFs;

    fn plans(files: &[(&str, &str)]) -> Vec<StreamPlan> {
        let fs = files.iter().fold(MemoryFs::new(), |fs, (p, t)| fs.with(p, *t));
        let mut paths: Vec<String> = files.iter().map(|(p, _)| (*p).to_owned()).collect();
        paths.sort();
        let mut loader = Loader::new(&fs);
        super::super::discover(&paths, &Config::default(), &mut loader)
    }

    fn summary(plans: &[StreamPlan]) -> Vec<(String, Layout, usize, usize)> {
        plans.iter().map(|p| (p.dir.clone(), p.layout, p.units.len(), p.declared.len())).collect()
    }

    #[test]
    fn sqlx_migrate_names_a_directory_not_called_migrations() {
        let p = plans(&[
            (
                "Cargo.toml",
                "[package]\nname = \"api\"\n[dependencies]\nsqlx = { version = \"0.8\", features = [\"postgres\", \"macros\"] }\n",
            ),
            ("src/main.rs", "static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!(\"db/changes\");\n"),
            ("db/changes/20240101000000_init.sql", "CREATE TABLE t (id int);\n"),
            ("db/changes/README.md", "notes\n"),
        ]);
        assert_eq!(summary(&p), vec![("db/changes".into(), Layout::Sqlx, 1, 0)]);
        assert_eq!(p[0].tool_dialect.as_ref().map(|t| t.dialect), Some(Dialect::Postgres));
    }

    #[test]
    fn refinery_rust_migrations_and_diesel_schema() {
        let p = plans(&[
            ("svc/Cargo.toml", "[package]\nname = \"svc\"\n"),
            ("svc/src/main.rs", "fn main() {}\n"),
            ("svc/sql/V1__init.sql", "CREATE TABLE t (id int);\n"),
            ("svc/sql/V2__more.rs", "pub fn migration() -> String { String::new() }\n"),
            ("web/Cargo.toml", "[package]\nname = \"web\"\n"),
            ("web/diesel.toml", "[print_schema]\nfile = \"src/db/schema.rs\"\n"),
            ("web/migrations/2024-01-01-000000_init/up.sql", "CREATE TABLE users (id int PRIMARY KEY);\n"),
            ("web/src/db/schema.rs", "diesel::table! { users (id) { id -> Int4, } }\n"),
        ]);
        assert_eq!(
            summary(&p),
            vec![("svc/sql".into(), Layout::Refinery, 2, 0), ("web/migrations".into(), Layout::Diesel, 1, 1)]
        );
    }
}
