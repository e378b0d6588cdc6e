//! Migration layouts: what each tool's file names mean, how versions order, and how a
//! file's up and down parts are told apart.
//!
//! ```text
//! golang-migrate   000001_create_users.up.sql / .down.sql
//! sqlx             20240101120000_create_users.sql, or .up.sql / .down.sql
//! goose            00001_create_users.sql with -- +goose Up / Down sections
//! dbmate           20240101120000_create_users.sql with -- migrate:up / down sections
//! flyway           V1__init.sql, V1_1__x.sql, V1.2__y.sql, R__views.sql, U1__undo.sql
//! refinery         V1__init.sql (U1__x.sql is an "unversioned" up, not an undo)
//! diesel           2024-01-01-120000_create_users/up.sql, down.sql, metadata.toml
//! plain            001_init.sql, 20240101_init.sql in a migrations-like directory
//! ```

use sg_model::migration::{OrderKey, VersionNumber};
use sg_model::{Dialect, Layout, OffsetMap};

use crate::extract::{Extraction, extract_statement};
use crate::split::{MarkerKind, split};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    /// One file holds the whole migration; markers (goose, dbmate) may split it.
    Both,
}

/// What a migration's file (or, for diesel, directory) name says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrationName {
    /// The version as written: `000001`, `1_1`, `2024-01-01-120000`.
    pub version: String,
    pub name: String,
    pub direction: Direction,
    pub key: OrderKey,
}

fn digits_len(s: &str) -> usize {
    s.bytes().take_while(u8::is_ascii_digit).count()
}

/// Parses a migration file name for `layout`; `None` when the name is not one of the
/// layout's migrations. For diesel, pass the migration directory's name.
pub fn parse_name(file_name: &str, layout: Layout) -> Option<MigrationName> {
    match layout {
        Layout::Flyway | Layout::Refinery => parse_flyway(file_name, layout),
        Layout::Diesel => {
            // diesel's version is the directory name up to its first `_`, dashes removed
            // (`2024-01-01-120000`, `20240101120000`, and diesel 2's `2024-01-01-120000-0000`),
            // and it orders versions as strings.
            let (version, name) = file_name.split_once('_')?;
            let digits = version.replace('-', "");
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some(MigrationName {
                key: string_order_key(&digits, file_name),
                version: version.to_owned(),
                name: name.to_owned(),
                direction: Direction::Both,
            })
        }
        _ => parse_numbered(file_name, layout),
    }
}

/// A key that orders digit strings as strings do, one digit per part: `2019` sorts
/// before `202607271433130000` as it does for diesel, which compares versions as text.
fn string_order_key(digits: &str, tiebreak: &str) -> OrderKey {
    let version = digits.char_indices().map(|(i, _)| VersionNumber::new(&digits[i..i + 1])).collect();
    OrderKey { repeatable: false, version, tiebreak: tiebreak.to_owned() }
}

/// `2024-01-01-120000` and `20240101120000` both order as the number 20240101120000.
fn diesel_version(name: &str) -> Option<(String, String, &str)> {
    let b = name.as_bytes();
    let dashed = b.len() >= 17
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && b[10] == b'-'
        && b[11..17].iter().all(u8::is_ascii_digit);
    if dashed {
        let version = &name[..17];
        return Some((version.to_owned(), version.replace('-', ""), &name[17..]));
    }
    let n = digits_len(name);
    (n > 0).then(|| (name[..n].to_owned(), name[..n].to_owned(), &name[n..]))
}

fn parse_numbered(file_name: &str, layout: Layout) -> Option<MigrationName> {
    let stem = file_name.strip_suffix(".sql")?;
    let (stem, direction) = if let Some(s) = stem.strip_suffix(".up") {
        (s, Direction::Up)
    } else if let Some(s) = stem.strip_suffix(".down") {
        (s, Direction::Down)
    } else {
        (stem, Direction::Both)
    };
    // golang-migrate requires the direction suffix; the marker-based layouts forbid it.
    match (layout, direction) {
        (Layout::GolangMigrate, Direction::Both) => return None,
        (Layout::Goose | Layout::Dbmate, Direction::Up | Direction::Down) => return None,
        _ => {}
    }
    let (version, digits, rest) = diesel_version(stem)?;
    let name = match rest {
        "" => String::new(),
        r if r.starts_with(['_', '-', '.']) => r[1..].to_owned(),
        _ => return None,
    };
    Some(MigrationName { key: OrderKey::versioned(&[&digits], file_name), version, name, direction })
}

/// Flyway: `V<version>__<description>.sql`, versions `1`, `1_1`, `1.1` as number
/// sequences; `R__` repeatable; `U<version>__` undo. Refinery: `V` and `U` both up, `.rs`
/// allowed.
fn parse_flyway(file_name: &str, layout: Layout) -> Option<MigrationName> {
    let stem = file_name
        .strip_suffix(".sql")
        .or_else(|| if layout == Layout::Refinery { file_name.strip_suffix(".rs") } else { None })?;
    let prefix = stem.chars().next()?;
    let (version, description) = stem[1..].split_once("__")?;
    match (layout, prefix) {
        (Layout::Flyway, 'R') if version.is_empty() => {
            return Some(MigrationName {
                version: String::from("R"),
                name: description.to_owned(),
                direction: Direction::Up,
                key: OrderKey::repeatable(description),
            });
        }
        (Layout::Flyway, 'V' | 'U') | (Layout::Refinery, 'V' | 'U') => {}
        _ => return None,
    }
    let parts: Vec<&str> = version.split(['.', '_']).collect();
    if parts.is_empty() || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let direction = if layout == Layout::Flyway && prefix == 'U' { Direction::Down } else { Direction::Up };
    Some(MigrationName {
        version: format!("{prefix}{version}"),
        name: description.to_owned(),
        direction,
        key: OrderKey::versioned(&parts, file_name),
    })
}

/// A migration file's SQL, split into its up and down parts.
#[derive(Debug, Default)]
pub struct SqlMigrationFile {
    pub up: Extraction,
    /// Present when the file has a down section (goose `Down`, dbmate `migrate:down`).
    pub down: Option<Extraction>,
    /// False when the file says it must run outside a transaction.
    pub transactional: bool,
    /// Whether the file had any goose or dbmate markers.
    pub has_markers: bool,
}

/// Extracts a whole migration file. For goose and dbmate the markers decide which
/// statements are up and which are down; for other layouts the whole file is one part.
pub fn extract_migration_file(src: &str, map: &OffsetMap, dialect: Dialect, layout: Layout) -> SqlMigrationFile {
    let s = split(src, dialect);
    let mut file = SqlMigrationFile { transactional: true, has_markers: !s.markers.is_empty(), ..Default::default() };
    let uses_sections = matches!(layout, Layout::Goose | Layout::Dbmate)
        || s.markers.iter().any(|m| !matches!(m.kind, MarkerKind::GooseEnvsub));
    for m in &s.markers {
        match m.kind {
            MarkerKind::GooseNoTransaction | MarkerKind::DbmateUp { transaction: false } => file.transactional = false,
            MarkerKind::GooseDown | MarkerKind::DbmateDown { .. } => {
                file.down.get_or_insert_with(Extraction::default);
            }
            _ => {}
        }
    }
    for stmt in &s.statements {
        let section = if uses_sections {
            s.markers
                .iter()
                .rev()
                .find(|m| {
                    m.start < stmt.start
                        && matches!(
                            m.kind,
                            MarkerKind::GooseUp
                                | MarkerKind::GooseDown
                                | MarkerKind::DbmateUp { .. }
                                | MarkerKind::DbmateDown { .. }
                        )
                })
                .map(|m| m.kind)
        } else {
            None
        };
        let target = match section {
            Some(MarkerKind::GooseDown | MarkerKind::DbmateDown { .. }) => {
                file.down.get_or_insert_with(Extraction::default)
            }
            _ => &mut file.up,
        };
        extract_statement(src, map, dialect, stmt, target);
    }
    file
}

/// Reads diesel's `metadata.toml`; `run_in_transaction = false` opts a migration out.
pub fn diesel_run_in_transaction(metadata: &str) -> Option<bool> {
    let value: toml::Table = metadata.parse().ok()?;
    value.get("run_in_transaction").and_then(toml::Value::as_bool)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golang_migrate_names() {
        let m = parse_name("000010_add_users.up.sql", Layout::GolangMigrate).unwrap();
        assert_eq!((m.version.as_str(), m.name.as_str(), m.direction), ("000010", "add_users", Direction::Up));
        assert!(parse_name("000010_add_users.sql", Layout::GolangMigrate).is_none());
        assert!(parse_name("README.sql", Layout::GolangMigrate).is_none());
    }

    #[test]
    fn flyway_versions_order_as_number_sequences() {
        let key = |n| parse_name(n, Layout::Flyway).unwrap().key;
        assert!(key("V1__a.sql") < key("V1_1__b.sql"));
        assert!(key("V1_1__b.sql") < key("V1.2__c.sql"));
        assert!(key("V2__d.sql") < key("V10__e.sql"));
        assert!(key("V10__e.sql") < key("R__views.sql"));
        assert_eq!(parse_name("U3__x.sql", Layout::Flyway).unwrap().direction, Direction::Down);
        assert_eq!(parse_name("U3__x.sql", Layout::Refinery).unwrap().direction, Direction::Up);
        assert!(parse_name("V1_init.sql", Layout::Flyway).is_none());
    }

    #[test]
    fn diesel_versions_mix_formats() {
        let a = parse_name("2023-12-31-235959_a", Layout::Diesel).unwrap();
        let b = parse_name("20240101000000_b", Layout::Diesel).unwrap();
        let c = parse_name("2024-01-01-000001_c", Layout::Diesel).unwrap();
        assert!(a.key < b.key && b.key < c.key);
        assert_eq!(a.version, "2023-12-31-235959");
        assert_eq!(c.name, "c");
        // diesel 2 adds `-0000`; diesel compares versions as text, so a longer version is
        // not a larger one.
        let d = parse_name("2024-01-01-000002-0000_d", Layout::Diesel).unwrap();
        assert_eq!((d.version.as_str(), d.name.as_str()), ("2024-01-01-000002-0000", "d"));
        assert!(c.key < d.key);
        let e = parse_name("20240101000003_e", Layout::Diesel).unwrap();
        assert!(d.key < e.key);
        assert!(parse_name("create_users", Layout::Diesel).is_none());
        assert!(parse_name("2024-01-01", Layout::Diesel).is_none());
    }

    #[test]
    fn goose_sections_and_transaction_flag() {
        let src = "-- +goose Up\n-- +goose NO TRANSACTION\nCREATE INDEX CONCURRENTLY i ON t (x);\n-- +goose Down\nDROP INDEX i;\n";
        let map = OffsetMap::identity(sg_model::FileId(0), src.len());
        let f = extract_migration_file(src, &map, Dialect::Postgres, Layout::Goose);
        assert!(!f.transactional);
        assert_eq!(f.up.ops.len(), 1);
        assert_eq!(f.down.unwrap().ops.len(), 1);
    }

    #[test]
    fn diesel_metadata() {
        assert_eq!(diesel_run_in_transaction("run_in_transaction = false\n"), Some(false));
        assert_eq!(diesel_run_in_transaction(""), None);
    }
}
