//! Migrations and the keys that order them.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

use crate::ident::{Ident, QualifiedName};
use crate::op::Op;
use crate::schema::{ForeignKey, Schema};
use crate::span::{FileId, Span};

/// How a migration directory or environment is laid out; decides file naming, how up and
/// down are told apart, and the version order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layout {
    GolangMigrate,
    Goose,
    Dbmate,
    Flyway,
    Sqlx,
    Diesel,
    Refinery,
    /// Numbered or timestamped `.sql` files with no tool-specific markers.
    Plain,
    Alembic,
    Sqlc,
    Gorm,
    SeaOrm,
}

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::GolangMigrate => "golang-migrate",
            Layout::Goose => "goose",
            Layout::Dbmate => "dbmate",
            Layout::Flyway => "flyway",
            Layout::Sqlx => "sqlx",
            Layout::Diesel => "diesel",
            Layout::Refinery => "refinery",
            Layout::Plain => "plain",
            Layout::Alembic => "alembic",
            Layout::Sqlc => "sqlc",
            Layout::Gorm => "gorm",
            Layout::SeaOrm => "seaorm",
        }
    }

    pub const ALL: [Layout; 12] = [
        Layout::GolangMigrate,
        Layout::Goose,
        Layout::Dbmate,
        Layout::Flyway,
        Layout::Sqlx,
        Layout::Diesel,
        Layout::Refinery,
        Layout::Plain,
        Layout::Alembic,
        Layout::Sqlc,
        Layout::Gorm,
        Layout::SeaOrm,
    ];

    pub fn from_name(name: &str) -> Option<Layout> {
        Layout::ALL.into_iter().find(|l| l.name() == name)
    }

    /// The table the tool creates to record which migrations ran, before it runs the first
    /// one: a migration may refer to it (diesel projects put triggers on
    /// `__diesel_schema_migrations`) although no migration creates it.
    pub fn bookkeeping_table(self) -> Option<&'static str> {
        match self {
            Layout::GolangMigrate | Layout::Dbmate => Some("schema_migrations"),
            Layout::Goose => Some("goose_db_version"),
            Layout::Flyway => Some("flyway_schema_history"),
            Layout::Sqlx => Some("_sqlx_migrations"),
            Layout::Diesel => Some("__diesel_schema_migrations"),
            Layout::Refinery => Some("refinery_schema_history"),
            Layout::Alembic => Some("alembic_version"),
            Layout::SeaOrm => Some("seaql_migrations"),
            Layout::Plain | Layout::Sqlc | Layout::Gorm => None,
        }
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One number of a version, compared by value whatever its length: `007` equals `7`,
/// and `20240101120000` is one number, not a float.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct VersionNumber(String);

impl VersionNumber {
    /// `digits` must be ASCII digits; leading zeros are dropped.
    pub fn new(digits: &str) -> VersionNumber {
        let trimmed = digits.trim_start_matches('0');
        VersionNumber(trimmed.to_owned())
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_empty()
    }
}

impl Ord for VersionNumber {
    fn cmp(&self, other: &VersionNumber) -> Ordering {
        self.0.len().cmp(&other.0.len()).then_with(|| self.0.cmp(&other.0))
    }
}

impl PartialOrd for VersionNumber {
    fn partial_cmp(&self, other: &VersionNumber) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The position of a migration in its stream's order.
///
/// Versioned migrations sort by their number sequence (`V1 < V1_1 < V2 < V10`); repeatable
/// ones (Flyway `R__`) come after every versioned one, by description. `tiebreak` orders
/// migrations with equal versions deterministically, by file name; such a tie is itself
/// reported as a duplicate version.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct OrderKey {
    pub repeatable: bool,
    pub version: Vec<VersionNumber>,
    pub tiebreak: String,
}

impl OrderKey {
    /// A key from a version's number parts; trailing zero parts are dropped so that
    /// Flyway's `1.0` and `1` compare equal, as Flyway compares them.
    pub fn versioned(parts: &[&str], tiebreak: &str) -> OrderKey {
        let mut version: Vec<VersionNumber> = parts.iter().map(|p| VersionNumber::new(p)).collect();
        while version.len() > 1 && version.last().is_some_and(VersionNumber::is_zero) {
            version.pop();
        }
        OrderKey { repeatable: false, version, tiebreak: tiebreak.to_owned() }
    }

    pub fn repeatable(description: &str) -> OrderKey {
        OrderKey { repeatable: true, version: Vec::new(), tiebreak: description.to_owned() }
    }

    /// Whether two keys name the same version, ignoring the tiebreak.
    pub fn same_version(&self, other: &OrderKey) -> bool {
        !self.repeatable && !other.repeatable && self.version == other.version
    }
}

#[derive(Clone, Debug)]
pub struct Migration {
    /// The version as the file spells it: `000001`, `V1_1`, `2024-01-01-120000`, an Alembic
    /// revision id.
    pub version: String,
    /// The description part of the file name, or the revision message.
    pub name: String,
    pub key: OrderKey,
    /// The migrations this one follows, for layouts with explicit parents (Alembic's
    /// `down_revision`, merges included); empty for layouts ordered by version.
    pub parents: Vec<String>,
    /// Extra ordering dependencies (Alembic `depends_on`): revision ids or branch labels.
    pub depends_on: Vec<String>,
    /// Names other revisions may use for this one in `depends_on` (Alembic
    /// `branch_labels`); empty for layouts without them.
    pub branch_labels: Vec<String>,
    /// Where the parents and dependencies are written (Alembic's `down_revision = ...`), for
    /// findings about them; `span` when the layout has no such place.
    pub parents_span: Span,
    pub up: Vec<Op>,
    /// `None` when the layout has no down part for this migration.
    pub down: Option<Vec<Op>>,
    /// Whether the tool runs this migration inside a transaction.
    pub transactional: bool,
    /// The file that holds the up part (and the down part when they share a file).
    pub file: FileId,
    pub down_file: Option<FileId>,
    /// Where findings about the migration as a whole point: its version marker or the
    /// start of its file.
    pub span: Span,
}

impl Migration {
    pub fn label(&self) -> String {
        if self.name.is_empty() { self.version.clone() } else { format!("{}_{}", self.version, self.name) }
    }
}

/// The schema a declarative source says should exist at the head of a stream: GORM models,
/// diesel's `schema.rs`. Its ops create the declared tables; `model-migration-drift`
/// replays them and compares the result with the migrated schema.
#[derive(Clone, Debug)]
pub struct DeclaredSchema {
    /// What declares it, as messages name it after "declared in": `the GORM models`,
    /// `` diesel's `schema.rs` ``, `` `db/schema.sql` ``.
    pub source: String,
    pub ops: Vec<Op>,
    /// The part of the migrated schema the declaration speaks for.
    pub scope: DeclaredScope,
}

impl DeclaredSchema {
    /// A declaration of the whole schema, as a schema dump is.
    pub fn new(source: impl Into<String>, ops: Vec<Op>) -> DeclaredSchema {
        DeclaredSchema { source: source.into(), ops, scope: DeclaredScope::default() }
    }
}

/// Tells which migrated tables and foreign keys a declaration is expected to list. A
/// generated declaration can leave things out by design: diesel's `print-schema` prints one
/// database schema, honours a table filter, and writes `joinable!` only for some foreign
/// keys. What it cannot list is not drift.
#[derive(Clone, Default)]
pub struct DeclaredScope {
    /// Only tables in these schemas are declared; `None` when every schema is.
    pub schemas: Option<Vec<Ident>>,
    /// Tables left out on purpose, by name (diesel's `filter` in `diesel.toml`).
    pub excluded_tables: Option<TableFilter>,
    pub foreign_keys: ForeignKeyCoverage,
    /// Columns the declaration creates nullable but never writes NULL into, by table and
    /// column: GORM gives a field of a plain Go type (`string`, `int64`, `time.Time`) a
    /// nullable column unless it is tagged `not null`, yet writes the field's zero value,
    /// never NULL. Such a declaration does not speak against a NOT NULL in the migrations.
    pub never_null: BTreeSet<(QualifiedName, Ident)>,
}

/// A predicate over table names, built by whoever knows the filter's syntax.
pub type TableFilter = Arc<dyn Fn(&str) -> bool + Send + Sync>;

/// Which foreign keys of the migrated schema a declaration can express.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ForeignKeyCoverage {
    /// Every foreign key.
    #[default]
    All,
    /// diesel's `joinable!`: a single-column key to the single-column primary key of another
    /// table, and only when no other foreign key joins the same two tables (in either
    /// direction) — `print-schema` drops every other kind.
    DieselJoinable,
}

impl fmt::Debug for DeclaredScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeclaredScope")
            .field("schemas", &self.schemas)
            .field("excluded_tables", &self.excluded_tables.as_ref().map(|_| "<filter>"))
            .field("foreign_keys", &self.foreign_keys)
            .field("never_null", &self.never_null)
            .finish()
    }
}

impl DeclaredScope {
    /// Whether the declaration is expected to list the migrated table `name`.
    pub fn covers_table(&self, name: &QualifiedName) -> bool {
        let in_schema = match (&self.schemas, &name.schema) {
            (None, _) => true,
            (Some(schemas), Some(schema)) => schemas.contains(schema),
            (Some(_), None) => true,
        };
        in_schema && !self.excluded_tables.as_ref().is_some_and(|excluded| excluded(name.name.as_str()))
    }

    /// Whether the declaration requires the column `column` of `table` to accept NULL, when
    /// it declares the column nullable: not when it never writes NULL there.
    pub fn needs_null(&self, table: &QualifiedName, column: &Ident) -> bool {
        !self.never_null.contains(&(table.clone(), column.clone()))
    }

    /// Whether the declaration could express the migrated foreign key `fk` of `table`, given
    /// the migrated schema `head` it belongs to.
    pub fn covers_foreign_key(&self, head: &Schema, table: &QualifiedName, fk: &ForeignKey) -> bool {
        match self.foreign_keys {
            ForeignKeyCoverage::All => true,
            ForeignKeyCoverage::DieselJoinable => {
                let parent = &fk.referenced_table;
                if parent == table || fk.columns.len() != 1 || !self.covers_table(parent) {
                    return false;
                }
                let to_primary_key = head
                    .table(parent)
                    .and_then(|p| p.primary_key.as_ref())
                    .is_some_and(|pk| pk.columns.len() == 1 && fk.referenced_columns == pk.columns);
                // Keys between the same two tables, counted over every foreign key of both.
                let joining = |from: &QualifiedName, to: &QualifiedName| {
                    head.table(from).map_or(0, |t| t.foreign_keys.iter().filter(|k| &k.referenced_table == to).count())
                };
                to_primary_key && joining(table, parent) + joining(parent, table) == 1
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_as_number_sequences() {
        let k = |parts: &[&str]| OrderKey::versioned(parts, "");
        assert!(k(&["1"]) < k(&["1", "1"]));
        assert!(k(&["1", "1"]) < k(&["2"]));
        assert!(k(&["2"]) < k(&["10"]));
        assert!(k(&["000009"]) < k(&["000010"]));
        assert!(k(&["20240101120000"]) < k(&["20240101120001"]));
        assert!(k(&["1", "0"]).same_version(&k(&["1"])));
        assert!(k(&["999"]) < OrderKey::repeatable("a"));
    }
}
