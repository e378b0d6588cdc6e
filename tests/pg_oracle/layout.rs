//! The oracle's own reading of migration directories: which files are migrations, in what
//! order they run, and which text is up and which is down, for each tool's layout.
//!
//! This deliberately shares no code with `sg_extract_sql::layout` or `sg_engine::discover`.
//! If schemagraph ordered a stream wrongly, the replay and the database would agree with each
//! other only by accident, so the oracle derives the order itself, from the tools' own
//! documented rules, and checks that schemagraph counted the same migrations and the same head.

use std::cmp::Ordering;
use std::path::Path;

/// One migration as the tool would run it.
#[derive(Debug)]
pub(crate) struct Migration {
    /// The version as schemagraph's `--at` accepts it: `000001`, `V1_1`,
    /// `2024-01-01-120000`; `R` for a Flyway repeatable.
    pub(crate) version: String,
    /// The file (or diesel directory) relative to the stream, for messages.
    pub(crate) source: String,
    /// The SQL as the file holds it: bytes, since a file need not be valid UTF-8 (psql
    /// sends them as they are, and the server judges them).
    pub(crate) up: Vec<u8>,
    pub(crate) down: Option<Vec<u8>>,
    /// A goose migration written in Go: the oracle does not compile or run Go, so it can
    /// follow the history only up to such a migration.
    pub(crate) go: bool,
    key: SortKey,
}

/// How a migration sorts: versioned migrations by their version as a sequence of numbers,
/// then by file name; Flyway repeatables after every versioned migration, by description.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SortKey {
    repeatable: bool,
    numbers: Vec<String>,
    tiebreak: String,
}

/// Compares decimal digit strings by value without parsing them: versions such as
/// `20240101120000000` may not fit in an integer type.
fn cmp_number(a: &str, b: &str) -> Ordering {
    let a = a.trim_start_matches('0');
    let b = b.trim_start_matches('0');
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

impl Ord for SortKey {
    fn cmp(&self, other: &SortKey) -> Ordering {
        self.repeatable
            .cmp(&other.repeatable)
            .then_with(|| {
                for (a, b) in self.numbers.iter().zip(&other.numbers) {
                    let o = cmp_number(a, b);
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                self.numbers.len().cmp(&other.numbers.len())
            })
            .then_with(|| self.tiebreak.cmp(&other.tiebreak))
    }
}

impl PartialOrd for SortKey {
    fn partial_cmp(&self, other: &SortKey) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Migration {
    /// A Flyway repeatable (`R__`), which has no version of its own.
    pub(crate) fn repeatable(&self) -> bool {
        self.key.repeatable
    }
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The migrations of the stream in `dir`, in the order `layout` runs them.
pub(crate) fn migrations(dir: &Path, layout: &str) -> Result<Vec<Migration>, String> {
    let mut out = match layout {
        "golang-migrate" | "sqlx" | "plain" => up_down_files(dir, layout)?,
        "goose" => {
            let mut m = sectioned_files(dir, goose_section)?;
            m.extend(goose_go_files(dir)?);
            m
        }
        "sqlc" => sqlc(dir)?,
        "dbmate" => sectioned_files(dir, dbmate_section)?,
        "flyway" | "refinery" => flyway(dir, layout == "flyway")?,
        "diesel" => diesel(dir)?,
        other => return Err(format!("the oracle does not know the `{other}` layout; teach tests/pg_oracle/layout.rs")),
    };
    out.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(out)
}

fn file_names(dir: &Path) -> Result<Vec<String>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    Ok(names)
}

/// `<digits><separator><name>` with the separator `_`, `-` or `.`, or just `<digits>`:
/// returns the digits.
fn leading_version(stem: &str) -> Option<&str> {
    let n = stem.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return None;
    }
    let rest = &stem[n..];
    (rest.is_empty() || rest.starts_with(['_', '-', '.'])).then_some(&stem[..n])
}

/// golang-migrate (`1_x.up.sql` and `1_x.down.sql`), sqlx (the same, or `1_x.sql` with no
/// down) and plain numbered files.
fn up_down_files(dir: &Path, layout: &str) -> Result<Vec<Migration>, String> {
    let mut out: Vec<Migration> = Vec::new();
    let mut downs: Vec<(String, String, Vec<u8>)> = Vec::new();
    for name in file_names(dir)? {
        let Some(stem) = name.strip_suffix(".sql") else { continue };
        let (stem, direction) = match (stem.strip_suffix(".up"), stem.strip_suffix(".down")) {
            (Some(s), _) => (s, Some(true)),
            (_, Some(s)) => (s, Some(false)),
            _ => (stem, None),
        };
        // golang-migrate ignores a file without a direction.
        if layout == "golang-migrate" && direction.is_none() {
            continue;
        }
        let Some(version) = leading_version(stem) else { continue };
        let text = read(&dir.join(&name));
        if direction == Some(false) {
            downs.push((version.to_owned(), stem.to_owned(), text));
            continue;
        }
        out.push(Migration {
            version: version.to_owned(),
            source: name.clone(),
            up: text,
            down: None,
            go: false,
            key: SortKey { repeatable: false, numbers: vec![version.to_owned()], tiebreak: name.clone() },
        });
    }
    for (version, stem, text) in downs {
        let m = out
            .iter_mut()
            .find(|m| m.version == version && m.source.starts_with(&format!("{stem}.")))
            .ok_or_else(|| format!("{}: a down migration without its up", dir.join(&stem).display()))?;
        m.down = Some(text);
    }
    Ok(out)
}

/// Which section a line opens, if it is a section marker.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Up,
    Down,
}

/// goose: `-- +goose Up` and `-- +goose Down` (other `+goose` annotations, such as
/// `StatementBegin`, are comments to psql).
fn goose_section(line: &str) -> Option<Section> {
    let rest = line.trim().strip_prefix("--")?.trim_start().strip_prefix("+goose")?.trim();
    match rest.split_whitespace().next()?.to_ascii_lowercase().as_str() {
        "up" => Some(Section::Up),
        "down" => Some(Section::Down),
        _ => None,
    }
}

/// dbmate: `-- migrate:up` and `-- migrate:down`, possibly followed by options such as
/// `transaction:false`.
fn dbmate_section(line: &str) -> Option<Section> {
    let rest = line.trim().strip_prefix("--")?.trim_start();
    let word = rest.split_whitespace().next()?;
    match word {
        "migrate:up" => Some(Section::Up),
        "migrate:down" => Some(Section::Down),
        _ => None,
    }
}

/// goose and dbmate: one `<digits>_<name>.sql` file per migration, split by markers. Text
/// before the first marker belongs to no section and does not run.
fn sectioned_files(dir: &Path, marker: fn(&str) -> Option<Section>) -> Result<Vec<Migration>, String> {
    let mut out = Vec::new();
    for name in file_names(dir)? {
        let Some(stem) = name.strip_suffix(".sql") else { continue };
        let Some(version) = leading_version(stem) else { continue };
        let text = read(&dir.join(&name));
        let mut up = Vec::new();
        let mut down = Vec::new();
        let mut has_down = false;
        let mut section = None;
        for line in text.split_inclusive(|b| *b == b'\n') {
            if let Some(s) = marker(&String::from_utf8_lossy(line)) {
                section = Some(s);
                has_down |= s == Section::Down;
                // Keep line numbers in psql's messages close to the file's by leaving the
                // marker line in as the comment it is.
            }
            match section {
                Some(Section::Up) => up.extend_from_slice(line),
                Some(Section::Down) => down.extend_from_slice(line),
                None => {}
            }
        }
        out.push(Migration {
            version: version.to_owned(),
            source: name.clone(),
            up,
            down: has_down.then_some(down),
            go: false,
            key: SortKey { repeatable: false, numbers: vec![version.to_owned()], tiebreak: name.clone() },
        });
    }
    Ok(out)
}

/// goose migrations written in Go: `<digits>_<name>.go` files that register a migration
/// with `goose.Add...Migration...`, ordered by version among the SQL files.
fn goose_go_files(dir: &Path) -> Result<Vec<Migration>, String> {
    let mut out = Vec::new();
    for name in file_names(dir)? {
        let Some(stem) = name.strip_suffix(".go") else { continue };
        if stem.ends_with("_test") {
            continue;
        }
        // goose takes the digits before the first `_`.
        let Some((version, _)) = stem.split_once('_') else { continue };
        if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let text = read(&dir.join(&name));
        if !String::from_utf8_lossy(&text).contains("goose.Add") {
            continue;
        }
        out.push(Migration {
            version: version.to_owned(),
            source: name.clone(),
            up: Vec::new(),
            down: None,
            go: true,
            key: SortKey { repeatable: false, numbers: vec![version.to_owned()], tiebreak: name.clone() },
        });
    }
    Ok(out)
}

/// sqlc reads a schema directory's `.sql` files by name, leaving out hidden files and
/// golang-migrate down files, and in each file drops everything from a rollback marker on
/// (goose, sql-migrate, tern, dbmate). What it leaves out is the down part: the text after
/// the marker, the `.down.sql` file, or Flyway's `U` file for the same version.
fn sqlc(dir: &Path) -> Result<Vec<Migration>, String> {
    let names = file_names(dir)?;
    let is_undo = |n: &str| {
        n.starts_with('U')
            && n.contains("__")
            && n[1..]
                .split("__")
                .next()
                .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'_'))
    };
    let mut out = Vec::new();
    for (index, name) in names
        .iter()
        .filter(|n| n.ends_with(".sql") && !n.starts_with('.') && !n.ends_with(".down.sql") && !is_undo(n))
        .enumerate()
    {
        let text = read(&dir.join(name));
        let mut cut = text.len();
        let mut offset = 0;
        for line in text.split_inclusive(|b| *b == b'\n') {
            let l = String::from_utf8_lossy(line).to_lowercase();
            if ["-- +goose down", "-- +migrate down", "---- create above / drop below ----", "-- migrate:down"]
                .iter()
                .any(|m| l.starts_with(m))
            {
                cut = offset;
                break;
            }
            offset += line.len();
        }
        let stem = name.strip_suffix(".sql").unwrap_or(name);
        let down = if let Some(base) = stem.strip_suffix(".up") {
            let d = dir.join(format!("{base}.down.sql"));
            d.is_file().then(|| read(&d))
        } else if cut < text.len() {
            Some(text[cut..].to_vec())
        } else if let Some(rest) = name.strip_prefix('V') {
            let version = rest.split("__").next().unwrap_or("");
            names.iter().find(|n| n.starts_with(&format!("U{version}__"))).map(|u| read(&dir.join(u)))
        } else {
            None
        };
        out.push(Migration {
            version: stem.to_owned(),
            source: name.clone(),
            up: text[..cut].to_vec(),
            down,
            go: false,
            key: SortKey { repeatable: false, numbers: vec![index.to_string()], tiebreak: name.clone() },
        });
    }
    Ok(out)
}

/// Flyway: `V<version>__<description>.sql` with versions such as `1`, `1_1` and `1.1`
/// compared as number sequences; `U<version>__` undoes that version; `R__` repeatables
/// run after the versioned migrations, by description. Refinery reads `U` as an up.
fn flyway(dir: &Path, undo: bool) -> Result<Vec<Migration>, String> {
    let mut out: Vec<Migration> = Vec::new();
    let mut undos: Vec<(Vec<String>, Vec<u8>)> = Vec::new();
    for name in file_names(dir)? {
        let Some(stem) = name.strip_suffix(".sql") else { continue };
        let mut chars = stem.chars();
        let Some(prefix) = chars.next() else { continue };
        let Some((version, description)) = chars.as_str().split_once("__") else { continue };
        let text = read(&dir.join(&name));
        if prefix == 'R' && version.is_empty() {
            out.push(Migration {
                version: "R".to_owned(),
                source: name.clone(),
                up: text,
                down: None,
                go: false,
                key: SortKey { repeatable: true, numbers: Vec::new(), tiebreak: description.to_owned() },
            });
            continue;
        }
        if prefix != 'V' && prefix != 'U' {
            continue;
        }
        let numbers: Vec<String> = version.split(['.', '_']).map(str::to_owned).collect();
        if numbers.iter().any(|n| n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit())) {
            continue;
        }
        if prefix == 'U' && undo {
            undos.push((numbers, text));
            continue;
        }
        out.push(Migration {
            version: format!("{prefix}{version}"),
            source: name.clone(),
            up: text,
            down: None,
            go: false,
            key: SortKey { repeatable: false, numbers, tiebreak: name.clone() },
        });
    }
    for (numbers, text) in undos {
        let same = |m: &&mut Migration| {
            !m.key.repeatable
                && m.key.numbers.len() == numbers.len()
                && m.key.numbers.iter().zip(&numbers).all(|(a, b)| cmp_number(a, b) == Ordering::Equal)
        };
        let m = out.iter_mut().find(|m| same(m)).ok_or_else(|| {
            format!("{}: an undo migration for version {} without its V file", dir.display(), numbers.join("."))
        })?;
        m.down = Some(text);
    }
    Ok(out)
}

/// diesel: `<version>_<name>/up.sql` and `down.sql`. diesel's version is the directory name
/// up to its first `_` with the dashes removed (`2024-01-01-120000`, `20240101120000`, and
/// diesel 2's `2024-01-01-120000-0000`), and diesel sorts versions as text: one digit per
/// sort number orders them the same way.
fn diesel(dir: &Path) -> Result<Vec<Migration>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut out = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !path.join("up.sql").is_file() {
            continue;
        }
        let Some((version, _)) = name.split_once('_') else { continue };
        let digits = version.replace('-', "");
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let down = path.join("down.sql");
        out.push(Migration {
            source: format!("{name}/up.sql"),
            up: read(&path.join("up.sql")),
            down: down.is_file().then(|| read(&down)),
            go: false,
            key: SortKey {
                repeatable: false,
                numbers: digits.chars().map(String::from).collect(),
                tiebreak: name.clone(),
            },
            version: version.to_owned(),
        });
    }
    Ok(out)
}

/// Whether the oracle can run the stream's migrations at all: SeaORM migrations and
/// refinery's `.rs` migrations are Rust, whose SQL exists only when the program runs.
/// Returns why not.
pub(crate) fn not_runnable(dir: &Path, layout: &str) -> Option<String> {
    match layout {
        "seaorm" => Some("SeaORM migrations are Rust code".to_owned()),
        "gorm" => Some("GORM's AutoMigrate runs Go code".to_owned()),
        "refinery" => {
            let rust = walk_files(dir).into_iter().filter(|n| n.ends_with(".rs")).count();
            (rust > 0).then(|| format!("{rust} of its refinery migrations are Rust code"))
        }
        _ => None,
    }
}

fn walk_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk_files(&path));
        } else {
            out.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    out
}

/// The table a tool creates for its own bookkeeping before it runs the first migration,
/// as the tool creates it, for the layouts whose migrations may refer to it.
pub(crate) fn bookkeeping_table(layout: &str) -> Option<(&'static str, &'static str)> {
    match layout {
        // diesel's `setup_migration_table.sql`.
        "diesel" => Some((
            "__diesel_schema_migrations",
            "CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (\n\
               version VARCHAR(50) PRIMARY KEY NOT NULL,\n\
               run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP\n\
             );\n",
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(numbers: &[&str], repeatable: bool) -> SortKey {
        SortKey { repeatable, numbers: numbers.iter().map(|s| (*s).to_owned()).collect(), tiebreak: String::new() }
    }

    #[test]
    fn versions_compare_as_number_sequences() {
        assert!(key(&["2"], false) < key(&["10"], false));
        assert!(key(&["1"], false) < key(&["1", "1"], false));
        assert!(key(&["1", "2"], false) < key(&["1", "10"], false));
        assert!(key(&["99999999999999999999"], false) < key(&["1"], true));
        assert!(key(&["20231231235959"], false) < key(&["20240101000000"], false));
        // diesel's text order, one digit per number: a longer version is not a later one.
        let digits = |v: &str| {
            key(
                &v.chars().map(|c| c.to_string()).collect::<Vec<_>>().iter().map(String::as_str).collect::<Vec<_>>(),
                false,
            )
        };
        assert!(digits("202403050800000000") < digits("20240320100000"));
    }

    #[test]
    fn section_markers() {
        assert!(goose_section("-- +goose Up\n") == Some(Section::Up));
        assert!(goose_section("-- +goose StatementBegin\n").is_none());
        assert!(dbmate_section("-- migrate:down transaction:false\n") == Some(Section::Down));
        assert!(dbmate_section("-- migrate is fun\n").is_none());
    }
}
