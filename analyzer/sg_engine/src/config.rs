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
//! ```

use std::fmt;

use serde::Deserialize;
use sg_model::{Dialect, Layout};

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
        Ok(config)
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
    fn streams_are_found_by_normalized_path() {
        let c = Config::parse("[[stream]]\npath = \"./db/changes/\"\ndialect = \"mysql\"\n", "x").unwrap();
        assert_eq!(c.stream("db/changes").and_then(StreamConfig::dialect), Some(Dialect::MySql));
    }
}
