//! Normalized schema operations: the one vocabulary every extractor emits.
//!
//! An `Op` says what a statement (or an ORM call) does to the schema, with the span of the
//! source it came from. SQL `ALTER TABLE t ADD COLUMN c int, DROP COLUMN d` becomes two ops
//! with the same span; `op.add_column("t", sa.Column("c", sa.Integer))` in Alembic becomes
//! the same `AddColumn` an SQL statement would.

use crate::expr::Expr;
use crate::ident::{Ident, ObjectName};
use crate::span::Span;
use crate::types::{SqlType, TypeFamily};

#[derive(Clone, Debug)]
pub struct Op {
    pub kind: OpKind,
    /// The whole statement or call.
    pub span: Span,
    /// Set when the op runs only under a condition the analyzer cannot decide, such as DDL
    /// inside a DO block guarded by `IF NOT EXISTS (SELECT ...)` or an exception handler. The
    /// replay applies it as if it were `IF NOT EXISTS`: it never reports a duplicate.
    pub conditional: bool,
}

impl Op {
    pub fn new(kind: OpKind, span: Span) -> Op {
        Op { kind, span, conditional: false }
    }
}

#[derive(Clone, Debug)]
pub enum OpKind {
    CreateTable(CreateTable),
    DropTable {
        name: ObjectName,
        if_exists: bool,
        cascade: bool,
    },
    RenameTable {
        table: ObjectName,
        new_name: Ident,
    },
    /// `ALTER TABLE ... SET SCHEMA s`.
    SetTableSchema {
        table: ObjectName,
        schema: Ident,
    },
    AddColumn {
        table: ObjectName,
        column: ColumnDef,
        if_not_exists: bool,
    },
    DropColumn {
        table: ObjectName,
        column: Ident,
        if_exists: bool,
        cascade: bool,
    },
    RenameColumn {
        table: ObjectName,
        column: Ident,
        new_name: Ident,
    },
    /// MySQL's `FIRST` / `AFTER col` on `ADD COLUMN`, `CHANGE` and `MODIFY`: moves a column
    /// that the op just before it added or redefined.
    MoveColumn {
        table: ObjectName,
        column: Ident,
        position: ColumnPosition,
    },
    AlterColumnType {
        table: ObjectName,
        column: Ident,
        ty: TypeRef,
        using: Option<String>,
    },
    SetNotNull {
        table: ObjectName,
        column: Ident,
    },
    /// PostgreSQL's `ALTER COLUMN ... ADD GENERATED ... AS IDENTITY`, `SET GENERATED`,
    /// `DROP IDENTITY` and friends.
    AlterIdentity {
        table: ObjectName,
        column: Ident,
        change: IdentityChange,
    },
    DropNotNull {
        table: ObjectName,
        column: Ident,
    },
    SetDefault {
        table: ObjectName,
        column: Ident,
        default: Expr,
    },
    DropDefault {
        table: ObjectName,
        column: Ident,
    },
    /// MySQL `MODIFY`/`CHANGE COLUMN` and SQLAlchemy-style full redefinitions: the column
    /// is replaced by a new definition, possibly under a new name.
    RedefineColumn {
        table: ObjectName,
        column: Ident,
        def: ColumnDef,
    },
    AddConstraint {
        table: ObjectName,
        constraint: Constraint,
    },
    DropConstraint {
        table: ObjectName,
        name: Ident,
        if_exists: bool,
        cascade: bool,
    },
    /// MySQL `DROP FOREIGN KEY`, `DROP PRIMARY KEY`, `DROP INDEX` inside ALTER TABLE.
    DropConstraintOfKind {
        table: ObjectName,
        name: Option<Ident>,
        kind: ConstraintKindTag,
    },
    RenameConstraint {
        table: ObjectName,
        name: Ident,
        new_name: Ident,
    },
    ValidateConstraint {
        table: ObjectName,
        name: Ident,
    },
    /// `ALTER TABLE ... ALTER CONSTRAINT name [NOT] DEFERRABLE [INITIALLY ...]`: a foreign
    /// key's timing changes. `deferrable` is `None` when the statement does not say.
    AlterConstraint {
        table: ObjectName,
        name: Ident,
        deferrable: Option<bool>,
    },
    CreateIndex(CreateIndex),
    DropIndex {
        name: ObjectName,
        table: Option<ObjectName>,
        if_exists: bool,
        concurrently: bool,
        cascade: bool,
    },
    RenameIndex {
        name: ObjectName,
        new_name: Ident,
    },
    Reindex {
        target: ObjectName,
        concurrently: bool,
    },
    /// `ALTER INDEX parent_index ATTACH PARTITION index`: the index of a partition becomes
    /// part of the index of its partitioned table (created `ON ONLY` that table).
    AttachIndex {
        parent: ObjectName,
        index: ObjectName,
    },
    /// ENABLE / DISABLE / FORCE / NO FORCE ROW LEVEL SECURITY.
    SetRls {
        table: ObjectName,
        enabled: Option<bool>,
        forced: Option<bool>,
    },
    CreatePolicy {
        name: Ident,
        table: ObjectName,
    },
    DropPolicy {
        name: Ident,
        table: ObjectName,
        if_exists: bool,
    },
    CreateSchema {
        name: Ident,
        if_not_exists: bool,
    },
    DropSchema {
        name: Ident,
        if_exists: bool,
        cascade: bool,
    },
    CreateEnum {
        name: ObjectName,
        values: Vec<String>,
    },
    AlterEnum {
        name: ObjectName,
        change: EnumChange,
    },
    /// Enum, domain, composite or other type.
    DropType {
        name: ObjectName,
        if_exists: bool,
        cascade: bool,
    },
    /// `ALTER TYPE ... SET SCHEMA s`: an enum or other named type moves, and the columns of
    /// that type with it.
    SetTypeSchema {
        name: ObjectName,
        schema: Ident,
    },
    CreateDomain {
        name: ObjectName,
        ty: TypeRef,
    },
    /// A CHECK constraint on a domain, from `CREATE DOMAIN ... CHECK` or
    /// `ALTER DOMAIN ... ADD CONSTRAINT`: every column of the domain is re-checked.
    DomainConstraint {
        name: ObjectName,
    },
    DropDatabase {
        name: Ident,
    },
    CreateExtension {
        name: Ident,
        if_not_exists: bool,
    },
    DropExtension {
        name: Ident,
        if_exists: bool,
    },
    CreateSequence {
        name: ObjectName,
        if_not_exists: bool,
    },
    DropSequence {
        name: ObjectName,
        if_exists: bool,
    },
    CreateView {
        name: ObjectName,
        or_replace: bool,
        materialized: bool,
        if_not_exists: bool,
        /// The tables and views its query reads, where the extractor could tell; dropping
        /// one of them with CASCADE drops the view.
        depends_on: Vec<ObjectName>,
    },
    /// `ALTER [MATERIALIZED] VIEW ... RENAME TO` or `SET SCHEMA` (and `ALTER TABLE ...
    /// RENAME` of a view): the view under its new name, schema included.
    /// `ALTER SEQUENCE ... RENAME TO` or `SET SCHEMA`: the defaults that call nextval() on
    /// the sequence print its new name.
    RenameSequence {
        name: ObjectName,
        new_name: ObjectName,
    },
    RenameView {
        name: ObjectName,
        new_name: ObjectName,
    },
    DropView {
        name: ObjectName,
        if_exists: bool,
        materialized: bool,
        cascade: bool,
    },
    CreateFunction {
        name: ObjectName,
    },
    DropFunction {
        name: ObjectName,
        if_exists: bool,
    },
    /// `ALTER FUNCTION f(...) RENAME TO g` (`new_name` unqualified) and `ALTER FUNCTION
    /// f(...) SET SCHEMA s` (`new_name` in `s`).
    RenameFunction {
        name: ObjectName,
        new_name: ObjectName,
    },
    CreateTrigger {
        name: Ident,
        table: ObjectName,
    },
    DropTrigger {
        name: Ident,
        table: Option<ObjectName>,
        if_exists: bool,
    },
    /// `ALTER TRIGGER name ON table RENAME TO new_name`.
    RenameTrigger {
        name: Ident,
        table: ObjectName,
        new_name: Ident,
    },
    AttachPartition {
        parent: ObjectName,
        partition: ObjectName,
    },
    DetachPartition {
        parent: ObjectName,
        partition: ObjectName,
        concurrently: bool,
    },
    Comment {
        target: CommentTarget,
        text: Option<String>,
    },
    Grant {
        privileges: String,
        object: String,
        grantees: Vec<String>,
    },
    Revoke {
        privileges: String,
        object: String,
        grantees: Vec<String>,
    },
    /// `SET name = value` (and `SET LOCAL`), kept for the timeout rules.
    Set {
        name: String,
        value: String,
        local: bool,
    },
    Transaction(TransactionControl),
    /// UPDATE / INSERT / DELETE / TRUNCATE / COPY: data, not schema, but rules care
    /// (backfills, data loss).
    DataChange {
        kind: DataChangeKind,
        table: Option<ObjectName>,
        /// The tables an `INSERT ... SELECT` reads (`FROM`, joins, subqueries); empty for
        /// `INSERT ... VALUES` and the other kinds.
        from: Vec<ObjectName>,
    },
    /// VACUUM FULL, CLUSTER, LOCK TABLE and other maintenance statements.
    Maintenance {
        kind: MaintenanceKind,
        table: Option<ObjectName>,
    },
    /// A statement the analyzer recognized as having no effect on the schema model
    /// (SELECT, `ALTER DEFAULT PRIVILEGES`, `ANALYZE`, PRAGMA): nothing is lost by skipping
    /// it, so no finding is reported.
    NoEffect {
        what: String,
    },
    /// A statement or call the analyzer could not understand. `reason` says what was
    /// skipped and why; extractors report an `unparsed-statement` or
    /// `unsupported-construct` finding next to it.
    Opaque {
        reason: String,
    },
}

impl OpKind {
    /// The table the op works on, for ops on one table.
    pub fn table(&self) -> Option<&ObjectName> {
        match self {
            OpKind::CreateTable(ct) => Some(&ct.name),
            OpKind::DropTable { name, .. } => Some(name),
            OpKind::CreateIndex(ci) => Some(&ci.table),
            OpKind::RenameTable { table, .. }
            | OpKind::SetTableSchema { table, .. }
            | OpKind::AddColumn { table, .. }
            | OpKind::MoveColumn { table, .. }
            | OpKind::DropColumn { table, .. }
            | OpKind::RenameColumn { table, .. }
            | OpKind::AlterColumnType { table, .. }
            | OpKind::SetNotNull { table, .. }
            | OpKind::AlterIdentity { table, .. }
            | OpKind::DropNotNull { table, .. }
            | OpKind::SetDefault { table, .. }
            | OpKind::DropDefault { table, .. }
            | OpKind::RedefineColumn { table, .. }
            | OpKind::AddConstraint { table, .. }
            | OpKind::DropConstraint { table, .. }
            | OpKind::DropConstraintOfKind { table, .. }
            | OpKind::RenameConstraint { table, .. }
            | OpKind::ValidateConstraint { table, .. }
            | OpKind::AlterConstraint { table, .. }
            | OpKind::SetRls { table, .. }
            | OpKind::CreatePolicy { table, .. }
            | OpKind::DropPolicy { table, .. }
            | OpKind::CreateTrigger { table, .. }
            | OpKind::RenameTrigger { table, .. } => Some(table),
            OpKind::AttachPartition { parent, .. } | OpKind::DetachPartition { parent, .. } => Some(parent),
            OpKind::DataChange { table, .. } | OpKind::Maintenance { table, .. } => table.as_ref(),
            _ => None,
        }
    }
}

/// Types that extensions commonly provide; a column of one of these types is not reported
/// as using a type the history never created. `format_type` prints them by name, as the
/// model keeps them (`ltree`, `isbn13`), so their canonical text needs nothing else.
const EXTENSION_TYPES: &[&str] = &[
    "citext",
    "hstore",
    "ltree",
    "lquery",
    "ltxtquery",
    "query_int",
    "lo",
    "geometry",
    "geography",
    "box2d",
    "box3d",
    "raster",
    "vector",
    "halfvec",
    "sparsevec",
    "cube",
    "earth",
    "isbn",
    "issn",
    "ean13",
    "upc",
    "isbn13",
    "ismn",
    "ismn13",
    "issn13",
    "seg",
    "bit",
    "bit varying",
];

/// A type as written and as the model canonicalized it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeRef {
    pub ty: SqlType,
    /// Source spelling, for messages.
    pub raw: String,
    /// PostgreSQL `serial` types: the column also gets a sequence default and NOT NULL.
    pub serial: bool,
    /// Names a user type that must exist (an enum or domain), when the type is not built in.
    pub user_type: Option<ObjectName>,
}

impl TypeRef {
    /// Canonicalizes a type written in `dialect` and notes whether it is a `serial` and
    /// whether it names a user type (an enum or domain the history must create).
    pub fn parse(text: &str, dialect: crate::Dialect) -> TypeRef {
        let serial_base = SqlType::serial_base(text, dialect);
        let serial = serial_base.is_some();
        let ty = serial_base.unwrap_or_else(|| SqlType::parse(text, dialect));
        let user_type = match (&ty.family, dialect) {
            (TypeFamily::Named(name), crate::Dialect::Postgres) => user_type_name(name),
            (TypeFamily::Array(inner), crate::Dialect::Postgres) => match &**inner {
                TypeFamily::Named(name) => user_type_name(name),
                _ => None,
            },
            _ => None,
        };
        TypeRef { ty, raw: text.trim().to_owned(), serial, user_type }
    }
}

/// The object a named PostgreSQL type refers to, unless it is built in or comes from a
/// well-known extension.
fn user_type_name(canonical: &str) -> Option<ObjectName> {
    let base = canonical.split('(').next().unwrap_or(canonical);
    if EXTENSION_TYPES.contains(&base) || BUILTIN_NAMED_TYPES.contains(&base) {
        return None;
    }
    let mut parts = crate::types::split_pg_qualified(base);
    let name = parts.pop()?;
    let schema = parts.pop();
    let ident = |(text, quoted): (String, bool)| Ident::new(&text, quoted, crate::Dialect::Postgres);
    Some(ObjectName { schema: schema.map(ident), name: ident(name) })
}

/// Named types PostgreSQL has built in that the type module does not give a family of
/// their own.
const BUILTIN_NAMED_TYPES: &[&str] = &[
    "inet",
    "cidr",
    "macaddr",
    "macaddr8",
    "money",
    "xml",
    "tsvector",
    "tsquery",
    "point",
    "line",
    "lseg",
    "box",
    "path",
    "polygon",
    "circle",
    "oid",
    "regclass",
    "regtype",
    "regproc",
    "int4range",
    "int8range",
    "numrange",
    "tsrange",
    "tstzrange",
    "daterange",
    "int4multirange",
    "int8multirange",
    "nummultirange",
    "tsmultirange",
    "tstzmultirange",
    "datemultirange",
    "pg_lsn",
    "txid_snapshot",
    "pg_snapshot",
    "name",
    "char",
    "\"char\"",
    "record",
    "void",
    "trigger",
    "anyelement",
    "bit",
    "bit varying",
    "timetz",
    "jsonpath",
    "xid",
    "xid8",
    "cid",
    "tid",
    // PostgreSQL's pseudo-type for a value of no known type; extractors give it to the
    // columns of `CREATE TABLE ... AS SELECT` whose expression does not say.
    "unknown",
];

#[derive(Clone, Debug)]
pub struct CreateTable {
    pub name: ObjectName,
    pub if_not_exists: bool,
    pub temporary: bool,
    pub columns: Vec<ColumnDef>,
    pub constraints: Vec<Constraint>,
    /// `CREATE TABLE child PARTITION OF parent`: columns come from the parent.
    pub partition_of: Option<ObjectName>,
    /// `CREATE TABLE ... PARTITION BY ...`: a partitioned table, whose rows live in its
    /// partitions.
    pub partitioned: bool,
    /// `CREATE TABLE t (LIKE other ...)` and `CREATE TABLE t AS SELECT`: the columns are
    /// not written out; the replay copies what it can.
    pub like: Option<ObjectName>,
    pub as_select: bool,
}

#[derive(Clone, Debug)]
pub struct ColumnDef {
    pub name: Ident,
    pub ty: TypeRef,
    /// `Some(false)` for NOT NULL, `Some(true)` for an explicit NULL.
    pub nullable: Option<bool>,
    pub default: Option<Expr>,
    pub generated: Option<Generated>,
    /// Inline constraints: PRIMARY KEY, UNIQUE, REFERENCES, CHECK.
    pub constraints: Vec<Constraint>,
    /// MySQL `AUTO_INCREMENT`, SQLite `AUTOINCREMENT`.
    pub auto_increment: bool,
    pub comment: Option<String>,
    pub span: Span,
}

/// What an `ALTER COLUMN` does to a column's identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdentityChange {
    /// `ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(SEQUENCE NAME s ...)]`: the
    /// column gets a sequence, named `sequence` when the statement names it.
    Add { always: bool, sequence: Option<ObjectName> },
    /// `SET GENERATED {ALWAYS | BY DEFAULT}`, `SET INCREMENT BY ...`, `RESTART`: `always`
    /// is `None` when only the sequence's options change.
    Set { always: Option<bool> },
    /// `DROP IDENTITY [IF EXISTS]`: the column keeps its NOT NULL; its sequence goes.
    Drop { if_exists: bool },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Generated {
    /// `GENERATED ALWAYS|BY DEFAULT AS IDENTITY`.
    Identity { always: bool },
    /// `GENERATED ALWAYS AS (expr) STORED|VIRTUAL`.
    Expression { expr: Expr, stored: bool },
}

#[derive(Clone, Debug)]
pub struct Constraint {
    pub name: Option<Ident>,
    pub kind: ConstraintKind,
    /// `NOT VALID`: the constraint is added without checking existing rows.
    pub not_valid: bool,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ConstraintKind {
    PrimaryKey {
        columns: Vec<Ident>,
        using_index: Option<Ident>,
    },
    Unique {
        columns: Vec<Ident>,
        using_index: Option<Ident>,
        nulls_not_distinct: bool,
    },
    /// `columns` are the distinct columns the expression mentions; PostgreSQL names an
    /// unnamed check after the column when there is exactly one.
    Check {
        expr: String,
        columns: Vec<Ident>,
    },
    ForeignKey(ForeignKeyDef),
    /// PostgreSQL `EXCLUDE USING ...`.
    Exclude,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConstraintKindTag {
    PrimaryKey,
    Unique,
    Check,
    ForeignKey,
    Index,
}

#[derive(Clone, Debug)]
pub struct ForeignKeyDef {
    /// Empty for an inline `REFERENCES` on a column: the column is implied.
    pub columns: Vec<Ident>,
    pub references: ObjectName,
    /// Empty when the statement names no columns: the referenced table's primary key.
    pub referenced_columns: Vec<Ident>,
    pub on_delete: Option<RefAction>,
    pub on_update: Option<RefAction>,
    pub deferrable: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefAction {
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl RefAction {
    /// The spelling `pg_constraint` and the JSON contract use.
    pub fn sql(self) -> &'static str {
        match self {
            RefAction::NoAction => "NO ACTION",
            RefAction::Restrict => "RESTRICT",
            RefAction::Cascade => "CASCADE",
            RefAction::SetNull => "SET NULL",
            RefAction::SetDefault => "SET DEFAULT",
        }
    }
}

#[derive(Clone, Debug)]
pub struct CreateIndex {
    /// `None` when the statement names no index; the replay chooses the name the database
    /// would.
    pub name: Option<Ident>,
    pub schema: Option<Ident>,
    pub table: ObjectName,
    pub keys: Vec<IndexKey>,
    pub unique: bool,
    pub concurrently: bool,
    pub if_not_exists: bool,
    pub method: Option<String>,
    pub predicate: Option<String>,
    pub include: Vec<Ident>,
    /// `CREATE INDEX ... ON ONLY parent`: the index is not built on the partitions that
    /// exist; their own indexes are attached to it one by one (`ALTER INDEX ... ATTACH
    /// PARTITION`), as pg_dump writes them.
    pub only: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexKey {
    Column(Ident),
    /// An expression key, as SQL text (`lower(email)`).
    Expression(String),
}

impl IndexKey {
    pub fn column(&self) -> Option<&Ident> {
        match self {
            IndexKey::Column(c) => Some(c),
            IndexKey::Expression(_) => None,
        }
    }

    pub fn text(&self) -> String {
        match self {
            IndexKey::Column(c) => c.to_string(),
            IndexKey::Expression(e) => e.clone(),
        }
    }
}

#[derive(Clone, Debug)]
pub enum EnumChange {
    AddValue {
        value: String,
        if_not_exists: bool,
        before: Option<String>,
        after: Option<String>,
    },
    RenameValue {
        from: String,
        to: String,
    },
    /// Not a PostgreSQL statement, but what ORMs emit when they recreate an enum without a
    /// value; kept so the compat rules can see it.
    DropValue {
        value: String,
    },
    Rename {
        new_name: Ident,
    },
}

#[derive(Clone, Debug)]
pub enum CommentTarget {
    Table(ObjectName),
    Column(ObjectName, Ident),
    Other(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransactionControl {
    /// `BEGIN` (or `START TRANSACTION`) written in the migration.
    Begin,
    Commit,
    Rollback,
    /// The tool itself commits the transaction it runs the migration in, so that what
    /// follows runs outside one, as Alembic's `autocommit_block()` does. Unlike a `COMMIT`
    /// written in the migration, this is the tool's documented way out of its transaction.
    ToolCommit,
    /// The tool begins a transaction again after a `ToolCommit`, and commits it itself
    /// when the migration ends.
    ToolBegin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataChangeKind {
    Insert,
    Update,
    Delete,
    Truncate,
    /// `TRUNCATE ... CASCADE`: also empties every table with a foreign key to it.
    TruncateCascade,
    Copy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaintenanceKind {
    VacuumFull,
    Vacuum,
    Cluster,
    Lock,
    Analyze,
    RefreshMaterializedView { concurrently: bool },
}

/// Where MySQL puts a column it adds or redefines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnPosition {
    First,
    After(Ident),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_types_are_not_user_types() {
        let user_type = |text: &str| TypeRef::parse(text, crate::Dialect::Postgres).user_type.map(|n| n.to_string());
        // Types of ltree, isn, intarray and lo, as PostgreSQL 15's contrib modules define them.
        for ty in ["ltree", "lquery", "ltxtquery", "ltxtquery[]", "isbn13", "issn13", "query_int", "lo"] {
            assert_eq!(user_type(ty), None, "{ty}");
            assert_eq!(TypeRef::parse(ty, crate::Dialect::Postgres).ty.canonical, ty);
        }
        assert_eq!(user_type("mood").as_deref(), Some("mood"));
        assert_eq!(user_type("app.mood[]").as_deref(), Some("app.mood"));
    }
}
