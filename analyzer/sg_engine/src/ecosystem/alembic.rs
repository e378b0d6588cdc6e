//! Alembic environments: found from `alembic.ini` (every section with a
//! `script_location`, so `alembic -n NAME` environments count), from `[tool.alembic]` in
//! `pyproject.toml`, or from an `env.py` beside a `versions/` directory. Each environment
//! is a stream of revisions ordered by their `down_revision` graph.
//!
//! ```ini
//! [alembic]
//! script_location = %(here)s/migrations        ; the environment's directory
//! version_locations = %(here)s/migrations/versions %(here)s/extra
//! sqlalchemy.url = postgresql+psycopg2://app@db/app   ; says the dialect
//! ```
//!
//! The environment claims its directory and its version locations, so `.sql` files kept
//! there are not mistaken for a SQL migration directory.

use std::collections::BTreeMap;

use sg_model::finding::builtin::UNSUPPORTED_CONSTRUCT;
use sg_model::migration::OrderKey;
use sg_model::{Dialect, FileId, Finding, Layout, Migration};

use super::{DiscoverCx, Ecosystem, file_name, join, parent, stream_id};
use crate::plan::{Order, StreamPlan, ToolDialect, Unit, UnitCx, UnitOutput};

pub(crate) struct AlembicEnvironments;

/// One environment as its configuration describes it, with paths relative to the root.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Environment {
    script_location: String,
    version_locations: Vec<String>,
    recursive: bool,
    dialect: Option<ToolDialectFound>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ToolDialectFound {
    dialect: Dialect,
    from: String,
}

impl Ecosystem for AlembicEnvironments {
    fn discover(&self, cx: &mut DiscoverCx<'_, '_>, plans: &mut Vec<StreamPlan>) {
        let mut envs: BTreeMap<String, Environment> = BTreeMap::new();
        let configs: Vec<String> =
            cx.paths.iter().filter(|p| matches!(file_name(p), "alembic.ini" | "pyproject.toml")).cloned().collect();
        for path in configs {
            let id = cx.loader.load(&path);
            let text = cx.loader.text(id).to_owned();
            let dir = parent(&path);
            let found =
                if path.ends_with(".ini") { from_ini(&text, dir, &path) } else { from_pyproject(&text, dir, &path) };
            for env in found {
                if cx.by_dir.contains_key(&env.script_location) || has_subdir(&cx.by_dir, &env.script_location) {
                    envs.entry(env.script_location.clone()).or_insert(env);
                }
            }
        }
        // `env.py` beside `versions/`, for environments whose configuration lives elsewhere.
        for (dir, names) in &cx.by_dir {
            if names.iter().any(|n| n == "env.py") && cx.by_dir.contains_key(&join(dir, "versions")) {
                envs.entry(dir.clone()).or_insert_with(|| Environment {
                    script_location: dir.clone(),
                    version_locations: vec![join(dir, "versions")],
                    recursive: false,
                    dialect: None,
                });
            }
        }

        for (dir, env) in envs {
            if cx.claimed.contains(&dir) {
                continue;
            }
            cx.claimed.insert(dir.clone());
            // Per-dialect version trees (`versions/postgresql/`, `versions/sqlite/`, chosen
            // by the environment script at run time): each tree is a history of its own, a
            // stream whose directory names its dialect.
            let mut trees: Vec<(String, Vec<String>)> = Vec::new();
            for location in &env.version_locations {
                let has_py = cx.by_dir.get(location).is_some_and(|names| names.iter().any(|n| n.ends_with(".py")));
                let per_dialect: Vec<String> = cx
                    .by_dir
                    .keys()
                    .filter(|d| parent(d) == location.as_str() && Dialect::from_name(file_name(d)).is_some())
                    .cloned()
                    .collect();
                if !has_py && !per_dialect.is_empty() {
                    for tree in per_dialect {
                        trees.push((tree.clone(), vec![tree]));
                    }
                } else if let Some((_, locations)) = trees.iter_mut().find(|(d, _)| *d == dir) {
                    locations.push(location.clone());
                } else {
                    trees.push((dir.clone(), vec![location.clone()]));
                }
            }
            for (stream_dir, locations) in trees {
                let mut plan = StreamPlan::new(
                    stream_id(cx.config, &stream_dir),
                    stream_dir.clone(),
                    Layout::Alembic,
                    Order::Graph,
                );
                // A per-dialect tree's name is more specific than the one URL of the file.
                if stream_dir == dir {
                    plan.tool_dialect = env.dialect.clone().map(|d| ToolDialect { dialect: d.dialect, from: d.from });
                }
                cx.claimed.insert(stream_dir.clone());
                for location in &locations {
                    let dirs: Vec<String> = cx
                        .by_dir
                        .keys()
                        .filter(|d| *d == location || (env.recursive && d.starts_with(&format!("{location}/"))))
                        .cloned()
                        .collect();
                    for d in dirs {
                        cx.claimed.insert(d.clone());
                        let names = cx.by_dir[&d].clone();
                        for name in names {
                            // Alembic loads every `.py` file but `__init__.py` and editor
                            // backups.
                            if !name.ends_with(".py") || name == "__init__.py" || name.starts_with(".#") {
                                continue;
                            }
                            let path = join(&d, &name);
                            let file = cx.loader.load(&path);
                            plan.units.push(Box::new(RevisionUnit { file, path }));
                        }
                    }
                }
                plans.push(plan);
            }
        }
    }
}

fn has_subdir(by_dir: &BTreeMap<String, Vec<String>>, dir: &str) -> bool {
    let prefix = format!("{dir}/");
    by_dir.range(prefix.clone()..).next().is_some_and(|(d, _)| d.starts_with(&prefix))
}

/// A minimal reading of Python's configparser format: sections, `key = value` and
/// `key: value`, indented continuation lines, `#` and `;` comments, and `%(name)s`
/// interpolation from the section, `[DEFAULT]` and `here`. Written by hand because only
/// these few keys are needed and no maintained crate implements configparser's
/// interpolation.
fn parse_ini(text: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let mut sections: Vec<(String, BTreeMap<String, String>)> = Vec::new();
    let mut last_key: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if line.starts_with([' ', '\t'])
            && let (Some(key), Some((_, values))) = (&last_key, sections.last_mut())
        {
            if let Some(v) = values.get_mut(key) {
                v.push('\n');
                v.push_str(trimmed);
            }
            continue;
        }
        if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            sections.push((name.trim().to_owned(), BTreeMap::new()));
            last_key = None;
            continue;
        }
        let Some(at) = trimmed.find(['=', ':']) else { continue };
        let key = trimmed[..at].trim().to_ascii_lowercase();
        let value = trimmed[at + 1..].trim().to_owned();
        if let Some((_, values)) = sections.last_mut() {
            values.insert(key.clone(), value);
            last_key = Some(key);
        }
    }
    sections
}

fn interpolate(
    value: &str,
    section: &BTreeMap<String, String>,
    defaults: &BTreeMap<String, String>,
    here: &str,
) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("%(") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find(")s") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = after[..end].to_ascii_lowercase();
        let replacement = match name.as_str() {
            "here" => Some(here.to_owned()),
            _ => section.get(&name).or_else(|| defaults.get(&name)).cloned(),
        };
        match replacement {
            Some(r) => out.push_str(&r),
            None => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out.replace("%%", "%")
}

/// The sentinel `here` stands for the configuration file's directory until paths are
/// made relative to the root.
const HERE: &str = "\u{0}here";

fn from_ini(text: &str, dir: &str, path: &str) -> Vec<Environment> {
    let sections = parse_ini(text);
    let defaults = sections.iter().find(|(n, _)| n == "DEFAULT").map(|(_, v)| v.clone()).unwrap_or_default();
    let mut out = Vec::new();
    for (name, values) in &sections {
        let get = |key: &str| values.get(key).map(|v| interpolate(v, values, &defaults, HERE));
        let Some(script) = get("script_location") else { continue };
        let url = get("sqlalchemy.url");
        out.push(environment(
            dir,
            &script,
            get("version_locations").as_deref(),
            get("path_separator").as_deref(),
            get("recursive_version_locations").is_some_and(|v| matches!(v.trim(), "true" | "True" | "1" | "yes")),
            url.as_deref()
                .and_then(dialect_of_url)
                .map(|d| ToolDialectFound { dialect: d, from: format!("`sqlalchemy.url` in `{path}` [{name}]") }),
        ));
    }
    out
}

/// `[tool.alembic]` in `pyproject.toml` (Alembic 1.16 and later).
fn from_pyproject(text: &str, dir: &str, _path: &str) -> Vec<Environment> {
    let Ok(value) = text.parse::<toml::Table>() else { return Vec::new() };
    let Some(tool) = value.get("tool").and_then(|t| t.get("alembic")) else { return Vec::new() };
    let Some(script) = tool.get("script_location").and_then(|s| s.as_str()) else { return Vec::new() };
    let script = script.replace("%(here)s", HERE);
    let locations = tool.get("version_locations").and_then(|v| v.as_array()).map(|items| {
        items.iter().filter_map(|i| i.as_str()).map(|s| s.replace("%(here)s", HERE)).collect::<Vec<_>>().join("\n")
    });
    let recursive = tool.get("recursive_version_locations").and_then(|v| v.as_bool()).unwrap_or(false);
    vec![environment(dir, &script, locations.as_deref(), Some("newline"), recursive, None)]
}

fn environment(
    dir: &str,
    script: &str,
    locations: Option<&str>,
    separator: Option<&str>,
    recursive: bool,
    dialect: Option<ToolDialectFound>,
) -> Environment {
    let script_location = resolve(dir, script);
    let version_locations = match locations {
        Some(list) => split_locations(list, separator).into_iter().map(|l| resolve(dir, &l)).collect(),
        None => vec![join(&script_location, "versions")],
    };
    Environment { script_location, version_locations, recursive, dialect }
}

/// Alembic splits `version_locations` on `path_separator` (`os`, `space`, `newline`,
/// `;`, `:`), or, without one, on spaces and commas.
fn split_locations(list: &str, separator: Option<&str>) -> Vec<String> {
    let parts: Vec<&str> = match separator.map(str::trim) {
        Some("newline") => list.split('\n').collect(),
        Some("space") => list.split(' ').collect(),
        Some("os" | ":") => list.split([':', '\n']).collect(),
        Some(";") => list.split([';', '\n']).collect(),
        _ => list.split([' ', ',', '\n']).collect(),
    };
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect()
}

/// A location relative to the configuration file's directory, made relative to the root.
/// `package:path` resource locations resolve as a directory named after the package.
fn resolve(dir: &str, location: &str) -> String {
    let location = location.trim();
    let (location, from_here) = match location.strip_prefix(HERE) {
        Some(rest) => (rest.trim_start_matches('/'), true),
        None => (location, false),
    };
    let location = match location.split_once(':') {
        Some((package, path)) if !package.contains('/') && !from_here => {
            format!("{}/{path}", package.replace('.', "/"))
        }
        _ => location.to_owned(),
    };
    super::resolve_relative(dir, &location)
}

/// The dialect a SQLAlchemy URL names: `postgresql+psycopg2://...` is PostgreSQL. The
/// template's `driver://user:pass@localhost/dbname` names none.
fn dialect_of_url(url: &str) -> Option<Dialect> {
    let scheme = url.trim().split("://").next()?;
    let backend = scheme.split('+').next()?;
    match backend {
        "postgresql" | "postgres" | "pgsql" | "redshift" | "cockroachdb" => Some(Dialect::Postgres),
        "mysql" | "mariadb" => Some(Dialect::MySql),
        "sqlite" => Some(Dialect::Sqlite),
        _ => None,
    }
}

/// One revision file.
struct RevisionUnit {
    file: FileId,
    path: String,
}

impl Unit for RevisionUnit {
    fn sources(&self) -> Vec<FileId> {
        vec![self.file]
    }

    fn extract(&self, cx: &UnitCx<'_>) -> UnitOutput {
        let mut out = UnitOutput::default();
        let text = cx.files.text(self.file);
        let rev = sg_extract_python::extract_revision(text, self.file, cx.dialect, cx.python_types);
        out.findings.extend(rev.findings);
        let Some(id) = rev.id else {
            out.findings.push(
                Finding::new(
                    UNSUPPORTED_CONSTRUCT,
                    rev.id_span,
                    format!("`{}` sits among the revisions but sets no `revision` identifier; it was skipped", self.path),
                )
                .with_help("Alembic loads every `.py` file of a versions directory; move helper modules elsewhere or give the file its identifiers"),
            );
            return out;
        };
        out.migrations.push(Migration {
            version: id.clone(),
            name: rev.message,
            // Revision ids are not ordered by value; the graph orders them and the key only
            // breaks ties between independent branches, by id.
            key: OrderKey { repeatable: false, version: Vec::new(), tiebreak: id },
            parents: rev.down_revisions,
            depends_on: rev.depends_on,
            branch_labels: rev.branch_labels,
            parents_span: rev.parents_span,
            up: rev.up,
            down: rev.down,
            // Alembic runs migrations in a transaction where the database has
            // transactional DDL; MySQL has none.
            transactional: cx.dialect != Dialect::MySql,
            file: self.file,
            down_file: None,
            span: rev.id_span,
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ini_environments_with_here_and_named_sections() {
        let ini = "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = postgresql+psycopg2://u@h/db\n\n[analytics]\nscript_location = analytics_migrations\nversion_locations = %(here)s/analytics_migrations/versions\n  %(here)s/extra\nsqlalchemy.url = sqlite:///a.db\n";
        let envs = from_ini(ini, "svc", "svc/alembic.ini");
        assert_eq!(envs.len(), 2);
        assert_eq!(envs[0].script_location, "svc/migrations");
        assert_eq!(envs[0].version_locations, vec!["svc/migrations/versions"]);
        assert_eq!(envs[0].dialect.as_ref().map(|d| d.dialect), Some(Dialect::Postgres));
        assert_eq!(envs[1].version_locations, vec!["svc/analytics_migrations/versions", "svc/extra"]);
        assert_eq!(envs[1].dialect.as_ref().map(|d| d.dialect), Some(Dialect::Sqlite));
    }

    #[test]
    fn template_url_names_no_dialect() {
        assert_eq!(dialect_of_url("driver://user:pass@localhost/dbname"), None);
        assert_eq!(dialect_of_url("mysql+pymysql://u@h/db"), Some(Dialect::MySql));
    }

    #[test]
    fn package_locations_and_parents() {
        assert_eq!(resolve("", "myapp:migrations"), "myapp/migrations");
        assert_eq!(resolve("a/b", "../migrations"), "a/migrations");
    }
}
