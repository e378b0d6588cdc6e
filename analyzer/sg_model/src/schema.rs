//! The schema a stream's history produces: tables, columns, constraints, indexes, types.
//!
//! Tables sit behind `Arc` so that keeping the state before a migration (which rules and the
//! language server's hover need) costs a map of pointer copies, not a deep clone; the replay
//! copies a table only when it changes it.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::expr::Expr;
use crate::ident::{Dialect, Ident, QualifiedName};
use crate::op::{Generated, IndexKey, RefAction};
use crate::span::Span;
use crate::types::SqlType;

/// Where an object came from: the migration (its position in the stream's order) and the
/// span of the statement or clause that created it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    pub migration: usize,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Schema {
    pub dialect: Dialect,
    pub tables: BTreeMap<QualifiedName, Arc<Table>>,
    pub enums: BTreeMap<QualifiedName, EnumType>,
    /// Domains, composite types and other named types that are not enums.
    pub other_types: BTreeMap<QualifiedName, Origin>,
    pub sequences: BTreeMap<QualifiedName, Sequence>,
    pub views: BTreeMap<QualifiedName, View>,
    pub functions: BTreeMap<QualifiedName, Origin>,
    pub schemas: BTreeMap<Ident, Origin>,
    pub extensions: BTreeMap<Ident, Origin>,
}

#[derive(Clone, Debug)]
pub struct EnumType {
    pub name: QualifiedName,
    pub values: Vec<String>,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct Sequence {
    pub origin: Origin,
    /// The column a `serial` or identity column made the sequence for; the sequence goes
    /// when its table does.
    pub owned_by: Option<(QualifiedName, Ident)>,
}

#[derive(Clone, Debug)]
pub struct View {
    pub name: QualifiedName,
    pub materialized: bool,
    /// The relations its query reads.
    pub depends_on: Vec<QualifiedName>,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct Table {
    pub name: QualifiedName,
    pub columns: Vec<Column>,
    pub primary_key: Option<KeyConstraint>,
    pub uniques: Vec<KeyConstraint>,
    pub checks: Vec<CheckConstraint>,
    pub foreign_keys: Vec<ForeignKey>,
    /// Indexes created by CREATE INDEX (or MySQL's inline KEY); the indexes that back a
    /// primary key or unique constraint are not listed here.
    pub indexes: Vec<Index>,
    /// EXCLUDE constraints, by name.
    pub exclusions: Vec<Ident>,
    pub rls_enabled: bool,
    pub rls_forced: bool,
    pub policies: Vec<Policy>,
    pub triggers: Vec<Ident>,
    pub partition_of: Option<QualifiedName>,
    /// Declared `PARTITION BY`: PostgreSQL cannot build an index on it CONCURRENTLY.
    pub partitioned: bool,
    pub comment: Option<String>,
    /// Created by `CREATE TABLE ... AS SELECT` with a projection whose columns cannot be
    /// known without running it (`SELECT *` of a view): a column a later statement names
    /// is taken to exist, with an unknown type, rather than reported missing.
    pub columns_unknown: bool,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct Column {
    pub name: Ident,
    pub ty: SqlType,
    pub nullable: bool,
    pub default: Option<Expr>,
    pub generated: Option<Generated>,
    pub auto_increment: bool,
    pub comment: Option<String>,
    pub origin: Origin,
}

/// A primary key or unique constraint.
#[derive(Clone, Debug)]
pub struct KeyConstraint {
    pub name: Ident,
    pub columns: Vec<Ident>,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct CheckConstraint {
    pub name: Ident,
    pub expr: String,
    pub columns: Vec<Ident>,
    pub not_valid: bool,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct ForeignKey {
    pub name: Ident,
    pub columns: Vec<Ident>,
    pub referenced_table: QualifiedName,
    pub referenced_columns: Vec<Ident>,
    pub on_delete: RefAction,
    pub on_update: RefAction,
    pub deferrable: bool,
    pub not_valid: bool,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct Index {
    pub name: Ident,
    pub keys: Vec<IndexKey>,
    pub unique: bool,
    pub predicate: Option<String>,
    pub method: Option<String>,
    /// `INCLUDE (...)` columns: stored in the index but not keys.
    pub include: Vec<Ident>,
    /// Created `ON ONLY` a partitioned table: the partitions that existed then do not get a
    /// copy (partitions created or attached later do).
    pub only: bool,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct Policy {
    pub name: Ident,
    pub origin: Origin,
}

impl Schema {
    pub fn new(dialect: Dialect) -> Schema {
        Schema {
            dialect,
            tables: BTreeMap::new(),
            enums: BTreeMap::new(),
            other_types: BTreeMap::new(),
            sequences: BTreeMap::new(),
            views: BTreeMap::new(),
            functions: BTreeMap::new(),
            schemas: BTreeMap::new(),
            extensions: BTreeMap::new(),
        }
    }

    pub fn table(&self, name: &QualifiedName) -> Option<&Table> {
        self.tables.get(name).map(|t| &**t)
    }

    /// Finds the table that owns the index `name`. PostgreSQL and SQLite index names are
    /// unique per schema; MySQL's are per table, so callers pass the table when they know
    /// it.
    pub fn find_index(&self, name: &QualifiedName) -> Option<(&Table, IndexRef)> {
        self.tables
            .values()
            .filter(|t| t.name.schema == name.schema)
            .find_map(|t| t.index_ref(&name.name).map(|r| (&**t, r)))
    }

    /// Whether a relation (table, index, sequence or view) named `name` exists: PostgreSQL
    /// keeps them in one namespace per schema.
    pub fn relation_exists(&self, name: &QualifiedName) -> bool {
        self.tables.contains_key(name)
            || self.sequences.contains_key(name)
            || self.views.contains_key(name)
            || self.find_index(name).is_some()
    }

    /// Whether a type named `name` exists, as an enum, a domain or another named type.
    pub fn type_exists(&self, name: &QualifiedName) -> bool {
        self.enums.contains_key(name) || self.other_types.contains_key(name)
    }
}

/// Which structure of a table an index name belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndexRef {
    /// A plain index, by position in `Table::indexes`.
    Index(usize),
    /// The index behind the primary key.
    PrimaryKey,
    /// The index behind a unique constraint, by position in `Table::uniques`.
    Unique(usize),
}

impl Table {
    pub fn new(name: QualifiedName, origin: Origin) -> Table {
        Table {
            name,
            columns: Vec::new(),
            primary_key: None,
            uniques: Vec::new(),
            checks: Vec::new(),
            foreign_keys: Vec::new(),
            indexes: Vec::new(),
            exclusions: Vec::new(),
            rls_enabled: false,
            rls_forced: false,
            policies: Vec::new(),
            triggers: Vec::new(),
            partition_of: None,
            partitioned: false,
            comment: None,
            columns_unknown: false,
            origin,
        }
    }

    pub fn column(&self, name: &Ident) -> Option<&Column> {
        self.columns.iter().find(|c| &c.name == name)
    }

    pub fn column_mut(&mut self, name: &Ident) -> Option<&mut Column> {
        self.columns.iter_mut().find(|c| &c.name == name)
    }

    pub fn index_ref(&self, name: &Ident) -> Option<IndexRef> {
        if let Some(i) = self.indexes.iter().position(|ix| &ix.name == name) {
            return Some(IndexRef::Index(i));
        }
        if self.primary_key.as_ref().is_some_and(|pk| &pk.name == name) {
            return Some(IndexRef::PrimaryKey);
        }
        self.uniques.iter().position(|u| &u.name == name).map(IndexRef::Unique)
    }

    /// Whether any constraint of this table is called `name`.
    pub fn has_constraint(&self, name: &Ident) -> bool {
        self.primary_key.as_ref().is_some_and(|pk| &pk.name == name)
            || self.uniques.iter().any(|u| &u.name == name)
            || self.checks.iter().any(|c| &c.name == name)
            || self.foreign_keys.iter().any(|f| &f.name == name)
            || self.exclusions.iter().any(|e| e == name)
    }

    /// Whether `columns` are exactly the columns of the primary key or of a unique
    /// constraint or unique index without a predicate, in any order: what a foreign key
    /// may reference.
    pub fn has_unique_key(&self, columns: &[Ident]) -> bool {
        self.unique_keys_on(columns) > 0
    }

    /// How many of the table's unique keys (primary key, unique constraints, unique indexes
    /// on plain columns without a predicate) are on exactly `columns`, in any order.
    pub fn unique_keys_on(&self, columns: &[Ident]) -> usize {
        let same = |key: &[Ident]| key.len() == columns.len() && columns.iter().all(|c| key.contains(c));
        usize::from(self.primary_key.as_ref().is_some_and(|pk| same(&pk.columns)))
            + self.uniques.iter().filter(|u| same(&u.columns)).count()
            + self
                .indexes
                .iter()
                .filter(|ix| {
                    ix.unique
                        && ix.predicate.is_none()
                        && ix.keys.iter().all(|k| k.column().is_some())
                        && same(&ix.keys.iter().filter_map(|k| k.column().cloned()).collect::<Vec<_>>())
                })
                .count()
    }

    /// Whether some index (of any kind) starts with exactly `columns` as its leading
    /// keys, in that order or any order for the leading group: what makes lookups by a
    /// foreign key's columns fast.
    pub fn has_index_led_by(&self, columns: &[Ident]) -> bool {
        let leads =
            |keys: &[Ident]| keys.len() >= columns.len() && columns.iter().all(|c| keys[..columns.len()].contains(c));
        self.primary_key.as_ref().is_some_and(|pk| leads(&pk.columns))
            || self.uniques.iter().any(|u| leads(&u.columns))
            || self.indexes.iter().any(|ix| {
                ix.predicate.is_none() && leads(&ix.keys.iter().map_while(|k| k.column().cloned()).collect::<Vec<_>>())
            })
    }
}
