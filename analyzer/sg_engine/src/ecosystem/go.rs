//! Go projects: sqlc configurations, goose Go migrations and GORM models.
//!
//! - `SqlcProjects` reads `sqlc.yaml` / `sqlc.yml` / `sqlc.json` (versions 1 and 2). Each
//!   `schema` (a file, a directory or a list) in its engine's dialect is a stream, replayed
//!   in the order sqlc reads it: entries in order, a directory's `.sql` files by name,
//!   hidden files and golang-migrate `.down.sql` files left out, and in each file only what
//!   comes before a down marker (goose, sql-migrate, tern, dbmate). It runs before the SQL
//!   directory heuristics and claims its schema directories.
//! - `GooseGoMigrations` finds directories with goose Go migrations (`00002_x.go` files that
//!   call `goose.AddMigration...`). Their Go and SQL migrations are one stream, ordered by
//!   version; Go files in a directory another tool claimed (sqlc) join that stream.
//! - `GormModels` runs last. GORM models of a Go module (the directory of its `go.mod`)
//!   are the declared state of the streams found in that module; a module with no other
//!   stream whose models are migrated by `AutoMigrate` is a stream of its own, whose one
//!   migration creates the tables `AutoMigrate` creates.
//!
//! ```yaml
//! version: "2"
//! sql:
//!   - engine: postgresql
//!     schema: db/migrations     # a stream: every up part, by file name
//!     queries: db/queries
//! ```

use std::collections::BTreeSet;

use serde_json::Value;
use sg_extract_go::{GoSource, extract_goose_go, extract_gorm, goose_go_name, gorm_driver, mentions_gorm};
use sg_extract_sql::{Direction, parse_name};
use sg_model::migration::{DeclaredSchema, OrderKey};
use sg_model::{Dialect, FileId, Finding, Layout, Migration, OffsetMap, Span};

use super::sql::sql_units;
use super::{DiscoverCx, Ecosystem, file_name, join, parent, stream_id};
use crate::plan::{DeclaredUnit, Order, StreamPlan, ToolDialect, Unit, UnitCx, UnitOutput};

const SQLC_CONFIGS: &[&str] = &["sqlc.yaml", "sqlc.yml", "sqlc.json"];

pub(crate) struct SqlcProjects;

/// One `schema` of a sqlc configuration, resolved against the tree.
#[derive(Debug, PartialEq, Eq)]
struct SqlcSchema {
    dialect: Dialect,
    /// Paths as written, relative to the root.
    paths: Vec<String>,
}

impl Ecosystem for SqlcProjects {
    fn discover(&self, cx: &mut DiscoverCx<'_, '_>, plans: &mut Vec<StreamPlan>) {
        let configs: Vec<String> = cx.paths.iter().filter(|p| SQLC_CONFIGS.contains(&file_name(p))).cloned().collect();
        let mut seen: Vec<SqlcSchema> = Vec::new();
        for config in configs {
            let id = cx.loader.load(&config);
            let text = cx.loader.text(id).to_owned();
            let Some(value) = parse_config(&text, config.ends_with(".json")) else { continue };
            for schema in sqlc_schemas(&value, parent(&config)) {
                if seen.contains(&schema) {
                    continue;
                }
                let files = sqlc_files(&schema.paths, cx);
                let Some(first) = schema.paths.first() else { continue };
                let is_dir = |p: &str| cx.by_dir.contains_key(p) && cx.paths.binary_search(&p.to_owned()).is_err();
                let dir = if is_dir(first) { first.clone() } else { parent(first).to_owned() };
                if cx.claimed.contains(&dir) && is_dir(first) {
                    continue;
                }
                // A directory, or several files, are named by their directory; one file by
                // its path.
                let shown = if is_dir(first) || schema.paths.len() > 1 { dir.clone() } else { first.clone() };
                // goose Go migrations beside the schema files change the same database and
                // run by version among them, so the stream follows goose's order.
                let with_go = is_dir(first)
                    && cx.by_dir.get(&dir).is_some_and(|names| {
                        names
                            .iter()
                            .any(|n| n.ends_with(".go") && !n.ends_with("_test.go") && goose_go_name(n).is_some())
                    });
                let order = if with_go { Order::Version } else { Order::AsGiven };
                let mut plan = StreamPlan::new(stream_id(cx.config, &shown), dir.clone(), Layout::Sqlc, order);
                plan.tool_dialect =
                    Some(ToolDialect { dialect: schema.dialect, from: format!("`engine` in `{config}`") });
                for (index, path) in files.iter().enumerate() {
                    let file = cx.loader.load(path);
                    // sqlc skips golang-migrate's down files, but the tool that runs the
                    // migrations uses them: they are the migration's down part.
                    let down = down_file(path, cx).map(|d| cx.loader.load(&d));
                    let name = file_name(path);
                    let stem = name.strip_suffix(".sql").unwrap_or(name).to_owned();
                    let (key, version, label) = match parse_name(name, Layout::Goose) {
                        Some(n) if with_go => (n.key, n.version, n.name),
                        _ => (OrderKey::versioned(&[index.to_string().as_str()], name), stem, String::new()),
                    };
                    plan.units.push(Box::new(SqlcFileUnit { file, down, key, version, name: label }));
                }
                // The directories sqlc reads are its own, so the SQL heuristics do not make
                // a second stream of the same files; so are those of listed migration
                // files (`reports/00001_events.sql`).
                for p in &schema.paths {
                    if is_dir(p) {
                        cx.claimed.insert(p.clone());
                    } else if parse_name(file_name(p), Layout::Plain).is_some() {
                        cx.claimed.insert(parent(p).to_owned());
                    }
                }
                plans.push(plan);
                seen.push(schema);
            }
        }
    }
}

/// A sqlc configuration as JSON, whether written as YAML or JSON.
fn parse_config(text: &str, json: bool) -> Option<Value> {
    if json {
        return serde_json::from_str(text).ok();
    }
    let docs = yaml_rust2::YamlLoader::load_from_str(text).ok()?;
    docs.first().map(yaml_to_json)
}

fn yaml_to_json(y: &yaml_rust2::Yaml) -> Value {
    use yaml_rust2::Yaml;
    match y {
        Yaml::String(s) | Yaml::Real(s) => Value::String(s.clone()),
        Yaml::Integer(i) => Value::from(*i),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Hash(h) => Value::Object(
            h.iter()
                .filter_map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) | Yaml::Real(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        _ => return None,
                    };
                    Some((key, yaml_to_json(v)))
                })
                .collect(),
        ),
        _ => Value::Null,
    }
}

/// The schemas a configuration lists: `sql[].schema` (version 2) or `packages[].schema`
/// (version 1), with the engine each names (version 1 defaults to PostgreSQL).
fn sqlc_schemas(value: &Value, dir: &str) -> Vec<SqlcSchema> {
    let entries = value.get("sql").or_else(|| value.get("packages")).and_then(Value::as_array);
    let mut out = Vec::new();
    for entry in entries.into_iter().flatten() {
        let engine = entry.get("engine").and_then(Value::as_str).unwrap_or("postgresql");
        let dialect = match engine {
            "postgresql" | "postgres" => Dialect::Postgres,
            "mysql" => Dialect::MySql,
            "sqlite" => Dialect::Sqlite,
            _ => continue,
        };
        let paths: Vec<String> = match entry.get("schema") {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
            _ => continue,
        };
        let paths = paths.iter().map(|p| super::resolve_relative(dir, p)).collect();
        out.push(SqlcSchema { dialect, paths });
    }
    out
}

/// The files sqlc reads for a schema, in its order: each path in turn, a directory's
/// entries by name, globs expanded; only `.sql` files that are neither hidden nor
/// golang-migrate down files.
fn sqlc_files(paths: &[String], cx: &DiscoverCx<'_, '_>) -> Vec<String> {
    let mut listed: Vec<String> = Vec::new();
    for p in paths {
        let expanded: Vec<String> = if p.contains(['*', '?', '[']) {
            let mut m: Vec<String> =
                cx.paths.iter().chain(cx.by_dir.keys()).filter(|c| glob_match(p, c)).cloned().collect();
            m.sort();
            m.dedup();
            m
        } else {
            vec![p.clone()]
        };
        for e in expanded {
            if cx.paths.binary_search(&e).is_ok() {
                listed.push(e);
            } else if let Some(names) = cx.by_dir.get(&e) {
                listed.extend(names.iter().map(|n| join(&e, n)));
            }
        }
    }
    listed
        .into_iter()
        .filter(|f| {
            let name = file_name(f);
            name.ends_with(".sql") && !name.starts_with('.') && !name.ends_with(".down.sql") && !is_flyway_undo(name)
        })
        .collect()
}

/// A Flyway undo migration (`U2__drop_x.sql`). sqlc itself would read it as schema; it is
/// the down part of `V2__...` instead, which is how the database sees it.
fn is_flyway_undo(name: &str) -> bool {
    parse_name(name, Layout::Flyway).is_some_and(|n| n.direction == Direction::Down)
}

/// The file holding the down part of a schema file: golang-migrate's `.down.sql` beside an
/// `.up.sql`, or Flyway's `U<version>__` beside `V<version>__`.
fn down_file(path: &str, cx: &DiscoverCx<'_, '_>) -> Option<String> {
    if let Some(stem) = path.strip_suffix(".up.sql") {
        let down = format!("{stem}.down.sql");
        return cx.paths.binary_search(&down).is_ok().then_some(down);
    }
    let name =
        parse_name(file_name(path), Layout::Flyway).filter(|n| n.direction == Direction::Up && !n.key.repeatable)?;
    let dir = parent(path);
    cx.by_dir.get(dir)?.iter().find_map(|other| {
        let o = parse_name(other, Layout::Flyway)?;
        (o.direction == Direction::Down && o.key.same_version(&name.key)).then(|| join(dir, other))
    })
}

/// `filepath.Match` for `*`, `?` and `[...]`, segment by segment.
fn glob_match(pattern: &str, path: &str) -> bool {
    let (ps, ss): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
    ps.len() == ss.len() && ps.iter().zip(&ss).all(|(p, s)| segment_match(p.as_bytes(), s.as_bytes()))
}

fn segment_match(p: &[u8], s: &[u8]) -> bool {
    match p.first() {
        None => s.is_empty(),
        Some(b'*') => (0..=s.len()).any(|i| segment_match(&p[1..], &s[i..])),
        Some(b'?') => !s.is_empty() && segment_match(&p[1..], &s[1..]),
        Some(b'[') => {
            let Some(close) = p.iter().position(|&c| c == b']') else { return false };
            let Some(&c) = s.first() else { return false };
            let class = &p[1..close];
            let (negate, class) = match class.first() {
                Some(b'^') => (true, &class[1..]),
                _ => (false, class),
            };
            let mut hit = false;
            let mut i = 0;
            while i < class.len() {
                if i + 2 < class.len() && class[i + 1] == b'-' {
                    hit |= class[i] <= c && c <= class[i + 2];
                    i += 3;
                } else {
                    hit |= class[i] == c;
                    i += 1;
                }
            }
            hit != negate && segment_match(&p[close + 1..], &s[1..])
        }
        Some(&c) => s.first() == Some(&c) && segment_match(&p[1..], &s[1..]),
    }
}

/// The lines sqlc drops: everything from the first rollback marker on.
fn up_part(text: &str) -> &str {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let l = line.to_lowercase();
        if l.starts_with("-- +goose down")
            || l.starts_with("-- +migrate down")
            || l.starts_with("---- create above / drop below ----")
            || l.starts_with("-- migrate:down")
        {
            return &text[..offset];
        }
        offset += line.len();
    }
    text
}

/// One schema file as sqlc reads it; what sqlc leaves out (a down section, a `.down.sql`
/// file) is its down part.
struct SqlcFileUnit {
    file: FileId,
    down: Option<FileId>,
    /// Its place in the stream: as sqlc reads it, or by goose version beside Go migrations.
    key: OrderKey,
    /// The file name without `.sql`, or goose's version and name beside Go migrations.
    version: String,
    name: String,
}

impl Unit for SqlcFileUnit {
    fn sources(&self) -> Vec<FileId> {
        vec![self.file]
    }

    fn extract(&self, cx: &UnitCx<'_>) -> UnitOutput {
        let text = cx.files.text(self.file);
        let up = up_part(text);
        let mut e = sg_extract_sql::extract_sql(up, &OffsetMap::identity(self.file, up.len()), cx.dialect);
        let down = if let Some(d) = self.down {
            let t = cx.files.text(d);
            let de = sg_extract_sql::extract_sql(t, &OffsetMap::identity(d, t.len()), cx.dialect);
            e.findings.extend(de.findings);
            Some(de.ops)
        } else if up.len() < text.len() {
            let rest = &text[up.len()..];
            let de =
                sg_extract_sql::extract_sql(rest, &OffsetMap::shifted(self.file, up.len(), rest.len()), cx.dialect);
            e.findings.extend(de.findings);
            Some(de.ops)
        } else {
            None
        };
        UnitOutput {
            migrations: vec![Migration {
                key: self.key.clone(),
                version: self.version.clone(),
                name: self.name.clone(),
                parents: Vec::new(),
                depends_on: Vec::new(),
                branch_labels: Vec::new(),
                parents_span: Span::first_line(self.file, cx.files.text(self.file)),
                up: e.ops,
                down,
                transactional: true,
                file: self.file,
                down_file: self.down,
                span: Span::first_line(self.file, cx.files.text(self.file)),
            }],
            findings: e.findings,
        }
    }
}

pub(crate) struct GooseGoMigrations;

impl Ecosystem for GooseGoMigrations {
    fn discover(&self, cx: &mut DiscoverCx<'_, '_>, plans: &mut Vec<StreamPlan>) {
        let dirs: Vec<String> = cx.by_dir.keys().cloned().collect();
        for dir in dirs {
            let names = cx.by_dir[&dir].clone();
            let go_files: Vec<&String> =
                names.iter().filter(|n| n.ends_with(".go") && !n.ends_with("_test.go")).collect();
            let registers = |text: &str| text.contains("goose.Add") && text.contains("Migration");
            let any = go_files.iter().any(|n| {
                goose_go_name(n).is_some() && {
                    let file = cx.loader.load(&join(&dir, n));
                    registers(cx.loader.text(file))
                }
            });
            if !any {
                continue;
            }
            // The package's other files: helpers and constants the migrations use.
            let package: Vec<FileId> = go_files.iter().map(|n| cx.loader.load(&join(&dir, n))).collect();
            let mut go_units: Vec<GooseGoUnit> = Vec::new();
            for name in &go_files {
                let file = cx.loader.load(&join(&dir, name));
                if goose_go_name(name).is_some() && registers(cx.loader.text(file)) {
                    go_units.push(GooseGoUnit { file, name: (*name).clone(), package: package.clone() });
                }
            }
            if let Some(plan) = plans.iter_mut().find(|p| p.dir == dir) {
                plan.units.extend(go_units.into_iter().map(|u| Box::new(u) as Box<dyn Unit>));
                continue;
            }
            if cx.claimed.contains(&dir) {
                continue;
            }
            let sql: Vec<String> = names.iter().filter(|n| n.ends_with(".sql")).cloned().collect();
            let mut plan = StreamPlan::new(stream_id(cx.config, &dir), dir.clone(), Layout::Goose, Order::Version);
            for unit in sql_units(&dir, &sql, Layout::Goose, cx.loader) {
                plan.units.push(Box::new(unit));
            }
            plan.units.extend(go_units.into_iter().map(|u| Box::new(u) as Box<dyn Unit>));
            cx.claimed.insert(dir);
            plans.push(plan);
        }
    }
}

/// One goose Go migration file, with the files of its Go package.
struct GooseGoUnit {
    file: FileId,
    name: String,
    package: Vec<FileId>,
}

impl Unit for GooseGoUnit {
    fn sources(&self) -> Vec<FileId> {
        // Go source says nothing reliable about the dialect: its raw strings use backticks.
        Vec::new()
    }

    fn files(&self) -> Vec<FileId> {
        let mut files = vec![self.file];
        files.extend(self.package.iter().copied().filter(|f| *f != self.file));
        files
    }

    fn extract(&self, cx: &UnitCx<'_>) -> UnitOutput {
        let text = cx.files.text(self.file);
        let package: Vec<(FileId, &str)> = self.package.iter().map(|f| (*f, cx.files.text(*f))).collect();
        let m = extract_goose_go(text, self.file, cx.dialect, &package);
        let mut out = UnitOutput { migrations: Vec::new(), findings: m.findings };
        let Some(registration) = m.registration else { return out };
        // `AddNamedMigration("00003_x.go", ...)` names the version; otherwise the file does.
        let Some(name) = m.named.as_deref().and_then(goose_go_name).or_else(|| goose_go_name(&self.name)) else {
            return out;
        };
        out.migrations.push(Migration {
            version: name.version,
            name: name.name,
            key: name.key,
            parents: Vec::new(),
            depends_on: Vec::new(),
            branch_labels: Vec::new(),
            parents_span: registration,
            up: m.up,
            down: m.down,
            transactional: m.transactional,
            file: self.file,
            down_file: None,
            span: registration,
        });
        out
    }
}

pub(crate) struct GormModels;

impl Ecosystem for GormModels {
    fn discover(&self, cx: &mut DiscoverCx<'_, '_>, plans: &mut Vec<StreamPlan>) {
        // Package directories with a file that uses GORM, by Go module.
        let mut gorm_dirs: BTreeSet<String> = BTreeSet::new();
        for path in cx.paths {
            if !is_go_source(path) {
                continue;
            }
            let file = cx.loader.load(path);
            if mentions_gorm(cx.loader.text(file)) {
                gorm_dirs.insert(parent(path).to_owned());
            }
        }
        // Every file of those directories, with the module that holds it: a module's models
        // may use types of another module of the tree (a `replace` to `..`).
        let mut all: Vec<(String, FileId, String)> = Vec::new();
        for dir in &gorm_dirs {
            let module = cx.projects.go_root(dir).unwrap_or("").to_owned();
            for name in cx.by_dir.get(dir).into_iter().flatten() {
                let path = join(dir, name);
                if is_go_source(&path) {
                    let file = cx.loader.load(&path);
                    all.push((path, file, module.clone()));
                }
            }
        }
        // Streams whose `[[stream]]` entry names their model directories take those.
        let mut configured: BTreeSet<usize> = BTreeSet::new();
        for (i, plan) in plans.iter_mut().enumerate() {
            let shown = if plan.dir.is_empty() { "." } else { plan.dir.as_str() };
            let Some(dirs) = cx.config.stream(shown).and_then(|s| s.models.clone()) else { continue };
            let dirs: Vec<String> = dirs.iter().map(|d| super::resolve_relative("", d)).collect();
            let within = |path: &str| dirs.iter().any(|d| d.is_empty() || path.starts_with(&format!("{d}/")));
            let files: Vec<(String, FileId, bool)> = all.iter().map(|(p, f, _)| (p.clone(), *f, within(p))).collect();
            plan.declared.push(Box::new(GormDeclared { models: GormFiles { files } }));
            configured.insert(i);
        }
        let modules: BTreeSet<String> = all.iter().map(|(_, _, m)| m.clone()).collect();
        for module in modules {
            let models = GormFiles { files: all.iter().map(|(p, f, m)| (p.clone(), *f, *m == module)).collect() };
            let in_module = |p: &StreamPlan| {
                p.layout != Layout::Gorm && cx.projects.go_root(&p.dir).unwrap_or("") == module.as_str()
            };
            let targets: Vec<usize> = plans.iter().enumerate().filter(|(_, p)| in_module(p)).map(|(i, _)| i).collect();
            if targets.iter().any(|i| configured.contains(i)) {
                // The configuration says where this module's models belong.
                continue;
            }
            if !targets.is_empty() {
                let targets =
                    if targets.len() > 1 { streams_naming_models(&models, &targets, plans, cx) } else { targets };
                for i in targets {
                    plans[i].declared.push(Box::new(GormDeclared { models: models.clone() }));
                }
                continue;
            }
            let texts: Vec<&str> =
                models.files.iter().filter(|(_, _, own)| *own).map(|(_, f, _)| cx.loader.text(*f)).collect();
            if !texts.iter().any(|t| t.contains("AutoMigrate(") || t.contains("Migrator().CreateTable(")) {
                continue;
            }
            let drivers: BTreeSet<Dialect> = texts.iter().filter_map(|t| gorm_driver(t)).collect();
            let mut plan = StreamPlan::new(stream_id(cx.config, &module), module.clone(), Layout::Gorm, Order::AsGiven);
            if let [dialect] = drivers.into_iter().collect::<Vec<_>>().as_slice() {
                plan.tool_dialect =
                    Some(ToolDialect { dialect: *dialect, from: "the GORM driver imported".to_owned() });
            }
            plan.units.push(Box::new(GormAutoMigrate { models }));
            plans.push(plan);
        }
    }
}

/// Of several streams in one Go module (a service with two databases), the ones whose
/// migrations name a table of the models: comparing models with an unrelated database would
/// report every table as drift.
fn streams_naming_models(
    models: &GormFiles,
    targets: &[usize],
    plans: &[StreamPlan],
    cx: &DiscoverCx<'_, '_>,
) -> Vec<usize> {
    let sources: Vec<GoSource<'_>> = models
        .files
        .iter()
        .map(|(path, file, own)| GoSource { file: *file, in_scope: *own, path, text: cx.loader.text(*file) })
        .collect();
    // Table names do not depend on the dialect.
    let tables: Vec<String> = extract_gorm(&sources, Dialect::Postgres)
        .declared
        .iter()
        .filter_map(|op| match &op.kind {
            sg_model::OpKind::CreateTable(t) => Some(t.name.name.as_str().to_lowercase()),
            _ => None,
        })
        .collect();
    let names_a_table = |text: &str| {
        let text = text.to_lowercase();
        tables.iter().any(|t| {
            text.match_indices(t.as_str()).any(|(at, _)| {
                let before = text[..at].chars().next_back();
                let after = text[at + t.len()..].chars().next();
                let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                !word(before) && !word(after)
            })
        })
    };
    targets
        .iter()
        .copied()
        .filter(|&i| plans[i].units.iter().flat_map(|u| u.sources()).any(|f| names_a_table(cx.loader.text(f))))
        .collect()
}

fn is_go_source(path: &str) -> bool {
    path.ends_with(".go")
        && !path.ends_with("_test.go")
        && !path.split('/').any(|c| c == "vendor" || c == "testdata" || c.starts_with('.'))
}

#[derive(Clone)]
struct GormFiles {
    /// Paths relative to the root, with their ids and whether they belong to the module
    /// analyzed, sorted by path.
    files: Vec<(String, FileId, bool)>,
}

impl GormFiles {
    /// Every file the models are read from.
    fn ids(&self) -> Vec<FileId> {
        self.files.iter().map(|(_, id, _)| *id).collect()
    }

    fn extract(&self, cx: &UnitCx<'_>) -> sg_extract_go::GormExtraction {
        let sources: Vec<GoSource<'_>> = self
            .files
            .iter()
            .map(|(path, file, own)| GoSource { file: *file, in_scope: *own, path, text: cx.files.text(*file) })
            .collect();
        extract_gorm(&sources, cx.dialect)
    }
}

/// The models `AutoMigrate` creates, as the one migration of a stream of their own.
struct GormAutoMigrate {
    models: GormFiles,
}

impl Unit for GormAutoMigrate {
    fn sources(&self) -> Vec<FileId> {
        Vec::new()
    }

    fn files(&self) -> Vec<FileId> {
        self.models.ids()
    }

    fn extract(&self, cx: &UnitCx<'_>) -> UnitOutput {
        let g = self.models.extract(cx);
        let Some(call) = g.migrate_call else { return UnitOutput { migrations: Vec::new(), findings: g.findings } };
        UnitOutput {
            migrations: vec![Migration {
                version: "AutoMigrate".to_owned(),
                name: String::new(),
                key: OrderKey::versioned(&["1"], "AutoMigrate"),
                parents: Vec::new(),
                depends_on: Vec::new(),
                branch_labels: Vec::new(),
                parents_span: call,
                up: g.migrated,
                down: None,
                // GORM runs each CREATE TABLE on its own.
                transactional: false,
                file: call.file,
                down_file: None,
                span: call,
            }],
            findings: g.findings,
        }
    }
}

/// GORM models as the declared state of a stream written by another tool.
struct GormDeclared {
    models: GormFiles,
}

impl DeclaredUnit for GormDeclared {
    fn sources(&self) -> Vec<FileId> {
        self.models.ids()
    }

    fn extract(&self, cx: &UnitCx<'_>) -> (Option<DeclaredSchema>, Vec<Finding>) {
        let g = self.models.extract(cx);
        if g.declared.is_empty() {
            return (None, g.findings);
        }
        let mut declared = DeclaredSchema::new("the GORM models", g.declared);
        declared.scope.never_null = g.never_null;
        (Some(declared), g.findings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlc_versions_and_engines() {
        let v2 = "version: \"2\"\nsql:\n  - engine: mysql\n    schema: [\"db/a.sql\", \"../shared/schema\"]\n    queries: q\n";
        let value = parse_config(v2, false).unwrap();
        let s = sqlc_schemas(&value, "svc");
        assert_eq!(
            s,
            vec![SqlcSchema { dialect: Dialect::MySql, paths: vec!["svc/db/a.sql".into(), "shared/schema".into()] }]
        );
        let v1 = r#"{"version": "1", "packages": [{"name": "db", "path": "internal/db", "schema": "schema.sql", "queries": "q.sql"}]}"#;
        let value = parse_config(v1, true).unwrap();
        assert_eq!(sqlc_schemas(&value, "").first().map(|s| s.dialect), Some(Dialect::Postgres));
    }

    fn analyze(files: &[(&str, &str)], config: &str) -> crate::Analysis {
        let fs = files.iter().fold(crate::fs::MemoryFs::new(), |fs, (p, t)| fs.with(p, *t));
        let config = crate::config::Config::parse(config, "schemagraph.toml").unwrap();
        crate::analyze(&fs, &config)
    }

    const MODEL: &str = "package models\ntype Tenant struct {\n\tID int64 `gorm:\"primaryKey\"`\n\tName string\n}\n";
    const MIGRATION: &str = "CREATE TABLE tenants (id bigint PRIMARY KEY, name text);\n";

    #[test]
    fn models_attach_to_the_streams_of_their_module() {
        let a = analyze(
            &[
                ("svc/go.mod", "module svc\n"),
                ("svc/models/tenant.go", MODEL),
                ("svc/db/migrations/000001_init.up.sql", MIGRATION),
                ("other/go.mod", "module other\n"),
                ("other/db/migrations/000001_init.up.sql", MIGRATION),
            ],
            "",
        );
        let declared: Vec<(&str, usize)> = a.streams.iter().map(|s| (s.info.id.as_str(), s.declared.len())).collect();
        assert_eq!(declared, vec![("other/db/migrations", 0), ("svc/db/migrations", 1)]);
    }

    #[test]
    fn of_two_databases_in_a_module_the_models_describe_the_one_naming_their_tables() {
        let a = analyze(
            &[
                ("go.mod", "module svc\n"),
                ("models/tenant.go", MODEL),
                ("db/app/000001_init.up.sql", MIGRATION),
                ("db/analytics/000001_init.up.sql", "CREATE TABLE page_views (id bigint);\n"),
            ],
            "",
        );
        let declared: Vec<(&str, usize)> = a.streams.iter().map(|s| (s.info.id.as_str(), s.declared.len())).collect();
        assert_eq!(declared, vec![("db/analytics", 0), ("db/app", 1)]);
    }

    #[test]
    fn the_configuration_says_which_models_a_stream_declares() {
        let files = [
            ("go.mod", "module svc\n"),
            ("internal/models/tenant.go", MODEL),
            ("legacy/models/tenant.go", MODEL),
            ("db/a/000001_init.up.sql", MIGRATION),
            ("db/b/000001_init.up.sql", MIGRATION),
        ];
        let config = "[[stream]]\npath = \"db/a\"\nmodels = [\"internal/models\"]\n";
        let a = analyze(&files, config);
        let declared: Vec<(&str, usize)> = a.streams.iter().map(|s| (s.info.id.as_str(), s.declared.len())).collect();
        assert_eq!(declared, vec![("db/a", 1), ("db/b", 0)]);
        let tables = a.streams[0].declared[0].ops.len();
        assert_eq!(tables, 1, "only internal/models is declared, not legacy/models");
    }

    #[test]
    fn goose_go_files_join_a_sqlc_stream_in_version_order() {
        let go = "package m\nimport \"github.com/pressly/goose/v3\"\nfunc init() { goose.AddMigration(up, nil) }\nfunc up(tx *sql.Tx) error { _, err := tx.Exec(`ALTER TABLE a ADD COLUMN b int`); return err }\n";
        let a = analyze(
            &[
                ("sqlc.yaml", "version: \"2\"\nsql:\n  - engine: postgresql\n    schema: db\n    queries: q.sql\n"),
                ("db/9_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n"),
                ("db/10_b.go", go),
                ("db/11_c.sql", "-- +goose Up\nCREATE INDEX a_b ON a (b);\n"),
            ],
            "",
        );
        assert_eq!(a.streams.len(), 1);
        let s = &a.streams[0];
        assert_eq!(s.info.layout, Layout::Sqlc);
        let versions: Vec<&str> = s.migrations.iter().map(|m| m.version.as_str()).collect();
        assert_eq!(versions, vec!["9", "10", "11"]);
        assert!(a.diagnostics.iter().all(|d| d.finding.rule != "dangling-reference"), "the index finds b");
    }

    #[test]
    fn up_parts_and_globs() {
        assert_eq!(up_part("CREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n"), "CREATE TABLE a (id int);\n");
        assert_eq!(up_part("-- migrate:up\nx;\n-- migrate:down\ny;\n"), "-- migrate:up\nx;\n");
        assert!(glob_match("db/*.sql", "db/001_init.sql"));
        assert!(!glob_match("db/*.sql", "db/sub/001_init.sql"));
        assert!(glob_match("db/0[0-9]?_*.sql", "db/001_init.sql"));
        assert!(is_flyway_undo("U2__drop.sql") && !is_flyway_undo("V2__add.sql") && !is_flyway_undo("users.sql"));
    }
}
