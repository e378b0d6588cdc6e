//! `schemagraph.toml`: every key optional, unknown keys refused with the key and the file.
//!
//! ```toml
//! dialect = "postgres"          # default dialect of every stream
//! ignore = ["legacy/**"]        # paths never analyzed
//!
//! [[stream]]                    # a stream the layout conventions would not find,
//! path = "db/changes"           # or one whose dialect or layout must be forced
//! dialect = "mysql"
//! layout = "plain"
//! name = "billing"
//!
//! [tenancy]
//! columns = ["tenant_id"]
//! global_tables = ["plans", "countries"]
//! mode = "row"                  # or "schema"
//! require_rls = true
//!
//! [pii]
//! columns = ["ssn", "*_token"]
//! encrypted_types = ["bytea", "encrypted_text"]
//!
//! [rules]
//! locking = "warning"           # a category
//! drop-column = "off"           # a rule
//! missing-lock-timeout = { severity = "error", statement_timeout = true }
//! ```

use std::fmt;

use std::collections::BTreeMap;

use serde::Deserialize;
use sg_model::{Dialect, Layout, Severity};
use sg_rules::settings::{OptionValue, TenancyMode};
use sg_rules::{Category, Settings};

pub const CONFIG_FILE: &str = "schemagraph.toml";

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Default dialect for streams that neither a `[[stream]]` entry nor their path names.
    pub dialect: Option<String>,
    /// Gitignore-style patterns of paths never analyzed.
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default, rename = "stream")]
    pub streams: Vec<StreamConfig>,
    #[serde(default)]
    pub tenancy: TenancyConfig,
    #[serde(default)]
    pub pii: PiiConfig,
    #[serde(default)]
    pub python: PythonConfig,
    /// Severity (`off`, `note`, `warning`, `error`) by rule or category, or a table with
    /// `severity` and the rule's options.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
    /// `--select` from the command line: only these rules or categories run.
    #[serde(skip)]
    pub select: Vec<String>,
    /// `--ignore` from the command line: these rules or categories do not run.
    #[serde(skip)]
    pub ignore_rules: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenancyConfig {
    pub columns: Option<Vec<String>>,
    pub global_tables: Option<Vec<String>>,
    pub mode: Option<String>,
    pub require_rls: Option<bool>,
    pub require_classification: Option<bool>,
    pub shared_schemas: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PiiConfig {
    pub columns: Option<Vec<String>>,
    pub encrypted_types: Option<Vec<String>>,
    pub comment_marker: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PythonConfig {
    /// SQLAlchemy types the application defines (`TypeDecorator` subclasses), by the name
    /// the revisions use (`app.db.types.Timestamp`, or just `Timestamp`), as the SQL type
    /// each dialect gets: one type for every dialect, or a table by dialect.
    #[serde(default)]
    pub types: BTreeMap<String, PythonType>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum PythonType {
    Everywhere(String),
    ByDialect(BTreeMap<String, String>),
}

#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum RuleSetting {
    Level(String),
    Table(toml::Table),
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StreamConfig {
    /// The stream's directory, relative to the analyzed root.
    pub path: String,
    pub dialect: Option<String>,
    pub layout: Option<String>,
    /// The stream's id in output; defaults to its path.
    pub name: Option<String>,
    /// Directories whose models (GORM structs) declare the schema this stream's migrations
    /// should produce, for `model-migration-drift`; replaces the convention of attaching a
    /// Go module's models to the streams inside it.
    pub models: Option<Vec<String>>,
}

/// A configuration the analyzer refuses; the binary exits with status 2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses and validates a configuration; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Config, ConfigError> {
        let err = |message: String| ConfigError { file: file.to_owned(), message };
        let config: Config = toml::from_str(text).map_err(|e| err(e.to_string().trim().to_owned()))?;
        if let Some(d) = &config.dialect {
            parse_dialect(d).map_err(err)?;
        }
        for (i, s) in config.streams.iter().enumerate() {
            if let Some(d) = &s.dialect {
                parse_dialect(d).map_err(|m| err(format!("[[stream]] #{} (`{}`): {m}", i + 1, s.path)))?;
            }
            if let Some(l) = &s.layout {
                parse_layout(l).map_err(|m| err(format!("[[stream]] #{} (`{}`): {m}", i + 1, s.path)))?;
            }
        }
        for pattern in &config.ignore {
            ignore::gitignore::GitignoreBuilder::new("")
                .add_line(None, pattern)
                .map_err(|e| err(format!("ignore pattern `{pattern}`: {e}")))?;
        }
        if let Some(mode) = &config.tenancy.mode
            && !matches!(mode.as_str(), "row" | "schema")
        {
            return Err(err(format!("[tenancy] mode = `{mode}`: expected \"row\" or \"schema\"")));
        }
        for (key, setting) in &config.rules {
            validate_rule_setting(key, setting).map_err(|m| err(format!("[rules] {m}")))?;
        }
        for (name, ty) in &config.python.types {
            if let PythonType::ByDialect(by) = ty {
                for d in by.keys() {
                    parse_dialect(d).map_err(|m| err(format!("[python.types] `{name}`: {m}")))?;
                }
            }
        }
        Ok(config)
    }

    /// `[python] types` as the SQL type each name gets in `dialect`.
    pub fn python_types(&self, dialect: Dialect) -> BTreeMap<String, String> {
        self.python
            .types
            .iter()
            .filter_map(|(name, ty)| {
                let sql = match ty {
                    PythonType::Everywhere(t) => Some(t.clone()),
                    PythonType::ByDialect(by) => {
                        by.iter().find(|(d, _)| parse_dialect(d).ok() == Some(dialect)).map(|(_, t)| t.clone())
                    }
                };
                sql.map(|t| (name.clone(), t))
            })
            .collect()
    }

    /// The settings rules read.
    pub fn settings(&self) -> Settings {
        let mut settings = Settings::default();
        let t = &self.tenancy;
        if let Some(c) = &t.columns {
            settings.tenancy.columns = c.clone();
        }
        if let Some(g) = &t.global_tables {
            settings.tenancy.global_tables = g.clone();
        }
        if t.mode.as_deref() == Some("schema") {
            settings.tenancy.mode = TenancyMode::Schema;
        }
        settings.tenancy.require_rls = t.require_rls.unwrap_or(false);
        settings.tenancy.require_classification = t.require_classification.unwrap_or(false);
        if let Some(s) = &t.shared_schemas {
            settings.tenancy.shared_schemas = s.clone();
        }
        if let Some(c) = &self.pii.columns {
            settings.pii.columns = c.clone();
        }
        if let Some(e) = &self.pii.encrypted_types {
            settings.pii.encrypted_types = e.clone();
        }
        if let Some(m) = &self.pii.comment_marker {
            settings.pii.comment_marker = m.clone();
        }
        for (key, setting) in &self.rules {
            let (RuleSetting::Table(table), Some(rule)) = (setting, sg_rules::rule(key)) else { continue };
            let options = settings.options.entry(rule.meta.name).or_default();
            for (name, value) in table.iter().filter(|(k, _)| *k != "severity") {
                if let Some(v) = option_value(value) {
                    options.insert(name.clone(), v);
                }
            }
        }
        settings
    }

    /// The severity each rule runs at, `None` for rules that are off: the rule's default,
    /// then its category's setting, then its own, then `--select` and `--ignore`.
    pub fn selection(&self) -> BTreeMap<&'static str, Option<Severity>> {
        let mut out = BTreeMap::new();
        for entry in sg_rules::RULES {
            let meta = entry.meta;
            let mut level = Some(meta.default_severity);
            for key in [meta.category.name(), meta.name] {
                if let Some(setting) = self.rules.get(key) {
                    let name = match setting {
                        RuleSetting::Level(l) => Some(l.as_str()),
                        RuleSetting::Table(t) => t.get("severity").and_then(toml::Value::as_str),
                    };
                    if let Some(name) = name {
                        level = parse_level(name).ok().flatten();
                    }
                }
            }
            let matches = |sel: &String| sel == meta.name || sel == meta.category.name();
            if !self.select.is_empty() && !self.select.iter().any(matches) {
                level = None;
            }
            if self.ignore_rules.iter().any(matches) {
                level = None;
            }
            out.insert(meta.name, level);
        }
        out
    }

    /// Checks `--select`/`--ignore` names against the registry.
    pub fn check_rule_names(names: &[String]) -> Result<(), String> {
        for n in names {
            if sg_rules::rule(n).is_none() && Category::from_name(n).is_none() {
                return Err(format!("unknown rule or category `{n}`; `schemagraph rules` lists them"));
            }
        }
        Ok(())
    }

    pub fn default_dialect(&self) -> Option<Dialect> {
        self.dialect.as_deref().and_then(|d| parse_dialect(d).ok())
    }

    /// The `[[stream]]` entry for a directory, if any.
    pub fn stream(&self, dir: &str) -> Option<&StreamConfig> {
        self.streams.iter().find(|s| normalize_dir(&s.path) == dir)
    }

    /// A matcher for the `ignore` patterns.
    pub(crate) fn ignore_matcher(&self) -> ignore::gitignore::Gitignore {
        let mut builder = ignore::gitignore::GitignoreBuilder::new("");
        for pattern in &self.ignore {
            // Patterns were validated in `parse`.
            let _ = builder.add_line(None, pattern);
        }
        builder.build().unwrap_or_else(|_| ignore::gitignore::Gitignore::empty())
    }
}

impl StreamConfig {
    pub fn dialect(&self) -> Option<Dialect> {
        self.dialect.as_deref().and_then(|d| parse_dialect(d).ok())
    }

    pub fn layout(&self) -> Option<Layout> {
        self.layout.as_deref().and_then(|l| parse_layout(l).ok())
    }
}

/// `./db/migrations/` -> `db/migrations`; the root is `.`.
pub(crate) fn normalize_dir(path: &str) -> String {
    let trimmed = path.trim().trim_start_matches("./").trim_end_matches('/');
    if trimmed.is_empty() || trimmed == "." { ".".to_owned() } else { trimmed.replace('\\', "/") }
}

/// `off` is `None`.
fn parse_level(name: &str) -> Result<Option<Severity>, String> {
    match name {
        "off" => Ok(None),
        other => Severity::from_name(other)
            .map(Some)
            .ok_or_else(|| format!("unknown severity `{other}` (expected off, note, warning or error)")),
    }
}

fn validate_rule_setting(key: &str, setting: &RuleSetting) -> Result<(), String> {
    let rule = sg_rules::rule(key);
    if rule.is_none() && Category::from_name(key).is_none() {
        return Err(format!("unknown rule or category `{key}`; `schemagraph rules` lists them"));
    }
    match setting {
        RuleSetting::Level(level) => parse_level(level).map(|_| ()).map_err(|m| format!("{key}: {m}")),
        RuleSetting::Table(table) => {
            let Some(rule) = rule else {
                return Err(format!("{key}: a category takes a severity string, not a table"));
            };
            for (name, value) in table {
                if name == "severity" {
                    let level = value.as_str().ok_or_else(|| format!("{key}.severity: expected a string"))?;
                    parse_level(level).map_err(|m| format!("{key}.severity: {m}"))?;
                    continue;
                }
                if !rule.meta.options.iter().any(|(o, _)| o == name) {
                    let known = rule.meta.options.iter().map(|(o, _)| *o).collect::<Vec<_>>();
                    let known = if known.is_empty() {
                        "it has none".to_owned()
                    } else {
                        format!("it has {}", known.join(", "))
                    };
                    return Err(format!("{key}: unknown option `{name}` ({known})"));
                }
                option_value(value)
                    .ok_or_else(|| format!("{key}.{name}: expected a boolean, number, string or list of strings"))?;
            }
            Ok(())
        }
    }
}

fn option_value(value: &toml::Value) -> Option<OptionValue> {
    Some(match value {
        toml::Value::Boolean(b) => OptionValue::Bool(*b),
        toml::Value::Integer(i) => OptionValue::Int(*i),
        toml::Value::String(s) => OptionValue::Str(s.clone()),
        toml::Value::Array(items) => {
            OptionValue::List(items.iter().map(|i| i.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>()?)
        }
        _ => return None,
    })
}

fn parse_dialect(name: &str) -> Result<Dialect, String> {
    Dialect::from_name(name).ok_or_else(|| format!("unknown dialect `{name}` (expected postgres, mysql or sqlite)"))
}

fn parse_layout(name: &str) -> Result<Layout, String> {
    Layout::from_name(name).ok_or_else(|| {
        let known = Layout::ALL.iter().map(|l| l.name()).collect::<Vec<_>>().join(", ");
        format!("unknown layout `{name}` (expected one of {known})")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_name_the_key_and_the_file() {
        let err = Config::parse("dialekt = \"mysql\"\n", "schemagraph.toml").unwrap_err();
        assert_eq!(err.file, "schemagraph.toml");
        assert!(err.message.contains("dialekt"), "{}", err.message);
        let err = Config::parse("[[stream]]\npath = \"a\"\ndialect = \"oracle\"\n", "x.toml").unwrap_err();
        assert!(err.message.contains("oracle"), "{}", err.message);
    }

    #[test]
    fn rule_settings_are_validated() {
        let err = Config::parse("[rules]\nno-such-rule = \"off\"\n", "x.toml").unwrap_err();
        assert!(err.message.contains("no-such-rule"), "{}", err.message);
        let err = Config::parse("[rules]\nfk-cycle = \"loud\"\n", "x.toml").unwrap_err();
        assert!(err.message.contains("loud"), "{}", err.message);
        let err = Config::parse("[rules]\nfk-cycle = { severity = \"note\", bogus = 1 }\n", "x.toml").unwrap_err();
        assert!(err.message.contains("bogus"), "{}", err.message);
        let err = Config::parse("[tenancy]\ncolums = []\n", "x.toml").unwrap_err();
        assert!(err.message.contains("colums"), "{}", err.message);
    }

    #[test]
    fn rule_beats_category_and_select_narrows() {
        let mut c = Config::parse("[rules]\nintegrity = \"warning\"\nduplicate-object = \"off\"\n", "x").unwrap();
        let sel = c.selection();
        assert_eq!(sel["dangling-reference"], Some(Severity::Warning));
        assert_eq!(sel["duplicate-object"], None);
        assert_eq!(sel["fk-cycle"], Some(Severity::Error));
        c.select = vec!["graph".into()];
        let sel = c.selection();
        assert_eq!(sel["fk-cycle"], Some(Severity::Error));
        assert_eq!(sel["dangling-reference"], None);
    }

    #[test]
    fn streams_are_found_by_normalized_path() {
        let c = Config::parse("[[stream]]\npath = \"./db/changes/\"\ndialect = \"mysql\"\n", "x").unwrap();
        assert_eq!(c.stream("db/changes").and_then(StreamConfig::dialect), Some(Dialect::MySql));
    }
}
