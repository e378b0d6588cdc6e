//! Replay: applies ops, in order, to a [`Schema`] the way the database would.
//!
//! Each op either changes the schema or, when it refers to something that does not exist
//! (or creates something that already does), reports a [`ReplayEvent`] and changes as much
//! as still makes sense. The replay never stops: after a bad op the history goes on, so one
//! ordering mistake gives one finding, not a cascade.
//!
//! What the database does that the replay mirrors:
//! - renames carry columns, indexes, constraints and the foreign keys of other tables;
//! - DROP COLUMN drops the indexes and constraints that use the column;
//! - DROP TABLE drops its owned sequences and, as CASCADE does, the foreign keys that point
//!   at it;
//! - a partitioned table's column changes, keys, indexes and foreign keys reach its
//!   partitions, keys and indexes under names generated from the partition's name;
//! - IF [NOT] EXISTS turns a missing or duplicate object into a no-op;
//! - unnamed constraints and indexes get the names PostgreSQL would give them.

use std::fmt;
use std::sync::Arc;

use crate::expr::Expr;
use crate::ident::{Dialect, Ident, ObjectName, QualifiedName};
use crate::naming;
use crate::op::{
    ColumnDef, ColumnPosition, ConstraintKind, ConstraintKindTag, CreateIndex, CreateTable, EnumChange, Generated,
    IdentityChange, IndexKey, Op, OpKind, RefAction,
};
use crate::schema::{
    CheckConstraint, Column, EnumType, ForeignKey, Index, IndexRef, KeyConstraint, Origin, Policy, Schema, Sequence,
    Table, View,
};
use crate::span::Span;
use crate::types::{SqlType, TypeFamily};

/// The type of a column whose type the replay cannot know (PostgreSQL's own name for a
/// value of no type yet); rules never compare it.
const UNKNOWN_TYPE: &str = "unknown";

/// An object the replay can find missing, duplicated or created.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjectKey {
    Table(QualifiedName),
    Column(QualifiedName, Ident),
    Index(QualifiedName),
    /// A named constraint of a table.
    Constraint(QualifiedName, Ident),
    PrimaryKey(QualifiedName),
    Type(QualifiedName),
    EnumValue(QualifiedName, String),
    Schema(Ident),
    Extension(Ident),
    Sequence(QualifiedName),
    View(QualifiedName),
    Function(QualifiedName),
    Policy(QualifiedName, Ident),
    Trigger(QualifiedName, Ident),
}

impl ObjectKey {
    pub fn kind(&self) -> &'static str {
        match self {
            ObjectKey::Table(_) => "table",
            ObjectKey::Column(..) => "column",
            ObjectKey::Index(_) => "index",
            ObjectKey::Constraint(..) => "constraint",
            ObjectKey::PrimaryKey(_) => "primary key",
            ObjectKey::Type(_) => "type",
            ObjectKey::EnumValue(..) => "enum value",
            ObjectKey::Schema(_) => "schema",
            ObjectKey::Extension(_) => "extension",
            ObjectKey::Sequence(_) => "sequence",
            ObjectKey::View(_) => "view",
            ObjectKey::Function(_) => "function",
            ObjectKey::Policy(..) => "policy",
            ObjectKey::Trigger(..) => "trigger",
        }
    }

    /// The object's name as a message shows it: `orders`, `orders.customer_id`.
    pub fn display(&self, dialect: Dialect) -> String {
        match self {
            ObjectKey::Table(n)
            | ObjectKey::Index(n)
            | ObjectKey::PrimaryKey(n)
            | ObjectKey::Type(n)
            | ObjectKey::Sequence(n)
            | ObjectKey::View(n)
            | ObjectKey::Function(n) => n.display(dialect),
            ObjectKey::Column(t, c)
            | ObjectKey::Constraint(t, c)
            | ObjectKey::Policy(t, c)
            | ObjectKey::Trigger(t, c) => format!("{}.{c}", t.display(dialect)),
            ObjectKey::EnumValue(t, v) => format!("{}.'{v}'", t.display(dialect)),
            ObjectKey::Schema(n) | ObjectKey::Extension(n) => n.to_string(),
        }
    }

    /// The table an object belongs to, for objects that belong to one.
    pub fn table(&self) -> Option<&QualifiedName> {
        match self {
            ObjectKey::Table(t)
            | ObjectKey::Column(t, _)
            | ObjectKey::Constraint(t, _)
            | ObjectKey::PrimaryKey(t)
            | ObjectKey::Policy(t, _)
            | ObjectKey::Trigger(t, _) => Some(t),
            _ => None,
        }
    }
}

impl fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind(), self.display(Dialect::Postgres))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplayEvent {
    /// The op created (or renamed something into) `key`.
    Created { key: ObjectKey, span: Span },
    /// The op uses `key`, which does not exist at this point of the history.
    Missing { key: ObjectKey, span: Span },
    /// The op creates `key`, which already exists; `existing` says where it came from.
    Duplicate { key: ObjectKey, span: Span, existing: Option<Origin> },
    /// The op drops `key` without CASCADE while other objects depend on it, which
    /// PostgreSQL refuses. The replay goes on as if CASCADE had been written (the
    /// dependents go too), so that one mistake gives one finding.
    Blocked { key: ObjectKey, span: Span, dependents: Vec<Dependent> },
}

/// An object that depends on one a statement drops, and where it was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dependent {
    pub key: ObjectKey,
    pub origin: Origin,
}

/// Applies ops to a schema, one migration at a time.
#[derive(Clone, Debug)]
pub struct Replayer {
    pub schema: Schema,
    migration: usize,
}

/// Schemas every PostgreSQL database has.
const PG_BUILTIN_SCHEMAS: &[&str] = &["public", "pg_catalog", "information_schema", "pg_temp"];

impl Replayer {
    pub fn new(dialect: Dialect) -> Replayer {
        Replayer { schema: Schema::new(dialect), migration: 0 }
    }

    pub fn from_schema(schema: Schema) -> Replayer {
        Replayer { schema, migration: 0 }
    }

    pub fn dialect(&self) -> Dialect {
        self.schema.dialect
    }

    /// Sets the migration (its position in the stream) that the following ops belong to.
    pub fn begin_migration(&mut self, position: usize) {
        self.migration = position;
    }

    pub fn into_schema(self) -> Schema {
        self.schema
    }

    pub fn apply(&mut self, op: &Op, events: &mut Vec<ReplayEvent>) {
        let mut cx = Cx { r: self, span: op.span, conditional: op.conditional, events };
        cx.apply(&op.kind);
        cx.apply_to_partitions(&op.kind);
    }
}

/// One op being applied.
struct Cx<'a> {
    r: &'a mut Replayer,
    span: Span,
    conditional: bool,
    events: &'a mut Vec<ReplayEvent>,
}

impl Cx<'_> {
    fn dialect(&self) -> Dialect {
        self.r.schema.dialect
    }

    fn schema(&mut self) -> &mut Schema {
        &mut self.r.schema
    }

    fn origin(&self) -> Origin {
        Origin { migration: self.r.migration, span: self.span }
    }

    fn origin_at(&self, span: Span) -> Origin {
        Origin {
            migration: self.r.migration,
            span: if span.file == self.span.file && !span.is_empty() { span } else { self.span },
        }
    }

    fn resolve(&self, name: &ObjectName) -> QualifiedName {
        name.resolve(self.dialect())
    }

    fn missing(&mut self, key: ObjectKey) {
        if !self.conditional {
            self.events.push(ReplayEvent::Missing { key, span: self.span });
        }
    }

    fn missing_at(&mut self, key: ObjectKey, span: Span) {
        if !self.conditional {
            let span = if span.file == self.span.file && !span.is_empty() { span } else { self.span };
            self.events.push(ReplayEvent::Missing { key, span });
        }
    }

    fn duplicate(&mut self, key: ObjectKey, existing: Option<Origin>) {
        if !self.conditional {
            self.events.push(ReplayEvent::Duplicate { key, span: self.span, existing });
        }
    }

    /// Records that the op drops `key` without CASCADE while `dependents` need it. Only
    /// PostgreSQL keeps these dependencies (MySQL's DROP ignores CASCADE and has its own
    /// checks; SQLite checks foreign keys when rows are written).
    fn blocked(&mut self, key: ObjectKey, cascade: bool, dependents: Vec<Dependent>) {
        if !cascade && !self.conditional && !dependents.is_empty() && self.dialect() == Dialect::Postgres {
            self.events.push(ReplayEvent::Blocked { key, span: self.span, dependents });
        }
    }

    /// The foreign keys that `keep` picks, as dependents. A partition's copy of its parent's
    /// key is the parent's, and is left out.
    fn fks_where(&self, keep: impl Fn(&Table, &ForeignKey) -> bool) -> Vec<Dependent> {
        let s = &self.r.schema;
        let mut out = Vec::new();
        for t in s.tables.values() {
            let parent = t.partition_of.as_ref().and_then(|p| s.table(p));
            let inherited = |fk: &ForeignKey| {
                parent.is_some_and(|p| {
                    p.foreign_keys
                        .iter()
                        .any(|pk| pk.referenced_table == fk.referenced_table && pk.columns == fk.columns)
                })
            };
            for fk in t.foreign_keys.iter().filter(|fk| keep(t, fk) && !inherited(fk)) {
                out.push(Dependent { key: ObjectKey::Constraint(t.name.clone(), fk.name.clone()), origin: fk.origin });
            }
        }
        out
    }

    /// What depends on `table` from outside it: the foreign keys of other tables that
    /// reference it, and the views that read it.
    fn table_dependents(&self, table: &QualifiedName) -> Vec<Dependent> {
        let mut out = self.fks_where(|t, fk| {
            &fk.referenced_table == table && &t.name != table && t.partition_of.as_ref() != Some(table)
        });
        out.extend(self.reading_views(table));
        out
    }

    /// The views whose query reads `relation`.
    fn reading_views(&self, relation: &QualifiedName) -> Vec<Dependent> {
        self.r
            .schema
            .views
            .values()
            .filter(|v| &v.name != relation && v.depends_on.contains(relation))
            .map(|v| Dependent { key: ObjectKey::View(v.name.clone()), origin: v.origin })
            .collect()
    }

    /// What keeps a unique key of `table` on `columns` from being dropped alone: the
    /// foreign keys that reference exactly those columns, when no other unique key of the
    /// table covers them.
    fn key_dependents(&self, table: &QualifiedName, columns: &[Ident]) -> Vec<Dependent> {
        if self.r.schema.table(table).is_none_or(|t| t.unique_keys_on(columns) > 1) {
            return Vec::new();
        }
        self.fks_where(|_, fk| {
            &fk.referenced_table == table
                && fk.referenced_columns.len() == columns.len()
                && columns.iter().all(|c| fk.referenced_columns.contains(c))
        })
    }

    /// The foreign keys that reference `column` of `table`, other than the table's own
    /// keys made of the column (which go with it). Views are left out: the model does not
    /// know which columns a view reads.
    fn column_dependents(&self, table: &QualifiedName, column: &Ident) -> Vec<Dependent> {
        self.fks_where(|t, fk| {
            let own = &t.name == table && fk.columns.contains(column);
            &fk.referenced_table == table && fk.referenced_columns.contains(column) && !own
        })
    }

    /// The columns whose type is `ty` or an array of it.
    fn type_dependents(&self, ty: &QualifiedName) -> Vec<Dependent> {
        let named = SqlType::parse(&ty.to_string(), self.dialect());
        let mut out = Vec::new();
        for t in self.r.schema.tables.values() {
            if t.partition_of.is_some() {
                continue;
            }
            for c in t.columns.iter().filter(|c| uses_type(&c.ty, &named)) {
                out.push(Dependent { key: ObjectKey::Column(t.name.clone(), c.name.clone()), origin: c.origin });
            }
        }
        out
    }

    /// Everything in schema `name`.
    fn schema_dependents(&self, name: &Ident) -> Vec<Dependent> {
        let s = &self.r.schema;
        let in_schema = |qn: &QualifiedName| qn.schema.as_ref() == Some(name);
        let mut out: Vec<Dependent> = s
            .tables
            .values()
            .filter(|t| in_schema(&t.name))
            .map(|t| Dependent { key: ObjectKey::Table(t.name.clone()), origin: t.origin })
            .collect();
        out.extend(
            s.views
                .values()
                .filter(|v| in_schema(&v.name))
                .map(|v| Dependent { key: ObjectKey::View(v.name.clone()), origin: v.origin }),
        );
        out.extend(
            s.enums
                .values()
                .filter(|e| in_schema(&e.name))
                .map(|e| Dependent { key: ObjectKey::Type(e.name.clone()), origin: e.origin }),
        );
        out.extend(
            s.other_types
                .iter()
                .filter(|(qn, _)| in_schema(qn))
                .map(|(qn, o)| Dependent { key: ObjectKey::Type(qn.clone()), origin: *o }),
        );
        out.extend(
            s.sequences
                .iter()
                .filter(|(qn, seq)| in_schema(qn) && seq.owned_by.is_none())
                .map(|(qn, seq)| Dependent { key: ObjectKey::Sequence(qn.clone()), origin: seq.origin }),
        );
        out.extend(
            s.functions
                .iter()
                .filter(|(qn, _)| in_schema(qn))
                .map(|(qn, o)| Dependent { key: ObjectKey::Function(qn.clone()), origin: *o }),
        );
        out
    }

    fn created(&mut self, key: ObjectKey) {
        self.events.push(ReplayEvent::Created { key, span: self.span });
    }

    /// Looks a table up, reporting it missing unless the op tolerates that.
    fn table_or_missing(&mut self, name: &ObjectName) -> Option<QualifiedName> {
        let qn = self.resolve(name);
        if self.r.schema.tables.contains_key(&qn) {
            Some(qn)
        } else {
            self.missing(ObjectKey::Table(qn));
            None
        }
    }

    fn table_mut(&mut self, qn: &QualifiedName) -> Option<&mut Table> {
        self.r.schema.tables.get_mut(qn).map(Arc::make_mut)
    }

    /// Looks a column up in an existing table, reporting it missing.
    /// On a table whose columns are unknown (`CREATE TABLE ... AS SELECT *`), a column a
    /// statement names is one the query made: it joins the table with an unknown type.
    /// Returns whether the table has the column now.
    fn learn_column(&mut self, table: &QualifiedName, column: &Ident) -> bool {
        let Some(t) = self.r.schema.table(table) else { return false };
        if t.column(column).is_some() {
            return true;
        }
        if !t.columns_unknown {
            return false;
        }
        let origin = t.origin;
        if let Some(t) = self.table_mut(table) {
            t.columns.push(Column {
                name: column.clone(),
                ty: SqlType { canonical: UNKNOWN_TYPE.to_owned(), family: TypeFamily::Named(UNKNOWN_TYPE.to_owned()) },
                nullable: true,
                default: None,
                generated: None,
                auto_increment: false,
                comment: None,
                origin,
            });
        }
        true
    }

    fn column_or_missing(&mut self, table: &QualifiedName, column: &Ident) -> bool {
        let exists = self.learn_column(table, column);
        if !exists {
            self.missing(ObjectKey::Column(table.clone(), column.clone()));
        }
        exists
    }

    fn check_schema_exists(&mut self, qn: &QualifiedName) {
        if self.dialect() != Dialect::Postgres {
            return;
        }
        if let Some(schema) = &qn.schema
            && !PG_BUILTIN_SCHEMAS.contains(&schema.key())
            && !self.r.schema.schemas.contains_key(schema)
        {
            self.missing(ObjectKey::Schema(schema.clone()));
        }
    }

    fn apply(&mut self, kind: &OpKind) {
        match kind {
            OpKind::CreateTable(ct) => self.create_table(ct),
            OpKind::DropTable { name, if_exists, cascade } => self.drop_table(name, *if_exists, *cascade),
            OpKind::RenameTable { table, new_name } => {
                // PostgreSQL lets ALTER TABLE rename a view too.
                let qn = self.resolve(table);
                if !self.r.schema.tables.contains_key(&qn) && self.r.schema.views.contains_key(&qn) {
                    let new = QualifiedName { schema: qn.schema.clone(), name: new_name.clone() };
                    return self.move_view(&qn, new);
                }
                let Some(qn) = self.table_or_missing(table) else {
                    return;
                };
                let new = QualifiedName { schema: qn.schema.clone(), name: new_name.clone() };
                self.move_table(&qn, new);
            }
            OpKind::SetTableSchema { table, schema } => {
                let Some(qn) = self.table_or_missing(table) else {
                    return;
                };
                let new = QualifiedName { schema: Some(schema.clone()), name: qn.name.clone() };
                self.check_schema_exists(&new);
                self.move_table(&qn, new.clone());
                if self.r.schema.tables.contains_key(&new) {
                    self.move_owned_sequences(&new);
                }
            }
            OpKind::AddColumn { table, column, if_not_exists } => {
                let Some(qn) = self.table_or_missing(table) else {
                    return;
                };
                if let Some(existing) = self.r.schema.table(&qn).and_then(|t| t.column(&column.name)) {
                    if !*if_not_exists {
                        let origin = existing.origin;
                        self.duplicate(ObjectKey::Column(qn, column.name.clone()), Some(origin));
                    }
                    return;
                }
                self.add_column(&qn, column);
            }
            OpKind::DropColumn { table, column, if_exists, cascade } => {
                let qn = self.resolve(table);
                if !self.r.schema.tables.contains_key(&qn) {
                    if !*if_exists {
                        self.missing(ObjectKey::Table(qn));
                    }
                    return;
                }
                if !self.learn_column(&qn, column) {
                    if !*if_exists {
                        self.missing(ObjectKey::Column(qn, column.clone()));
                    }
                    return;
                }
                let dependents = self.column_dependents(&qn, column);
                self.blocked(ObjectKey::Column(qn.clone(), column.clone()), *cascade, dependents);
                self.drop_column(&qn, column);
            }
            OpKind::RenameColumn { table, column, new_name } => {
                let Some(qn) = self.table_or_missing(table) else {
                    return;
                };
                if !self.column_or_missing(&qn, column) {
                    return;
                }
                if let Some(existing) = self.r.schema.table(&qn).and_then(|t| t.column(new_name)) {
                    let origin = existing.origin;
                    self.duplicate(ObjectKey::Column(qn, new_name.clone()), Some(origin));
                    return;
                }
                self.rename_column(&qn, column, new_name);
                self.created(ObjectKey::Column(qn, new_name.clone()));
            }
            OpKind::AlterColumnType { table, column, ty, .. } => {
                let Some(qn) = self.table_or_missing(table) else {
                    return;
                };
                if !self.column_or_missing(&qn, column) {
                    return;
                }
                self.check_user_type(ty.user_type.as_ref());
                let new_ty = ty.ty.clone();
                if let Some(col) = self.table_mut(&qn).and_then(|t| t.column_mut(column)) {
                    // The stored default is a constant of the old type; PostgreSQL keeps it
                    // and adds an implicit cast that `pg_get_expr` does not show, so a
                    // `varchar` default `'x'` still reads `'x'::character varying` after the
                    // column becomes `text`.
                    if let Some(Expr::String(value)) = &col.default {
                        let literal = Expr::Cast { expr: Box::new(Expr::String(value.clone())), ty: col.ty.clone() };
                        col.default = Some(literal);
                    }
                    col.ty = new_ty;
                }
            }
            OpKind::SetNotNull { table, column } => self.alter_column(table, column, |c| c.nullable = false),
            OpKind::AlterIdentity { table, column, change } => self.alter_identity(table, column, change),
            OpKind::DropNotNull { table, column } => self.alter_column(table, column, |c| c.nullable = true),
            OpKind::SetDefault { table, column, default } => {
                let default = default.clone();
                self.alter_column(table, column, move |c| c.default = Some(default));
            }
            OpKind::DropDefault { table, column } => self.alter_column(table, column, |c| c.default = None),
            OpKind::MoveColumn { table, column, position } => {
                let Some(qn) = self.table_or_missing(table) else {
                    return;
                };
                if !self.column_or_missing(&qn, column) {
                    return;
                }
                if let ColumnPosition::After(after) = position
                    && !self.column_or_missing(&qn, after)
                {
                    return;
                }
                if let Some(t) = self.table_mut(&qn)
                    && let Some(from) = t.columns.iter().position(|c| &c.name == column)
                {
                    let moved = t.columns.remove(from);
                    let to = match position {
                        ColumnPosition::First => 0,
                        ColumnPosition::After(after) => {
                            t.columns.iter().position(|c| &c.name == after).map_or(t.columns.len(), |i| i + 1)
                        }
                    };
                    t.columns.insert(to, moved);
                }
            }
            OpKind::RedefineColumn { table, column, def } => {
                let Some(qn) = self.table_or_missing(table) else {
                    return;
                };
                if !self.column_or_missing(&qn, column) {
                    return;
                }
                if &def.name != column {
                    self.rename_column(&qn, column, &def.name);
                    self.created(ObjectKey::Column(qn.clone(), def.name.clone()));
                }
                let origin = self.r.schema.table(&qn).and_then(|t| t.column(&def.name)).map(|c| c.origin);
                let mut new_col = self.column_from_def(&qn, def);
                if let Some(origin) = origin {
                    new_col.origin = origin;
                }
                if let Some(col) = self.table_mut(&qn).and_then(|t| t.column_mut(&def.name)) {
                    *col = new_col;
                }
                for constraint in &def.constraints {
                    self.add_constraint(&qn, constraint, Some(&def.name));
                }
            }
            OpKind::AddConstraint { table, constraint } => {
                let Some(qn) = self.table_or_missing(table) else {
                    return;
                };
                self.add_constraint(&qn, constraint, None);
            }
            OpKind::DropConstraint { table, name, if_exists, cascade } => {
                let qn = self.resolve(table);
                let Some(t) = self.r.schema.table(&qn) else {
                    if !*if_exists {
                        self.missing(ObjectKey::Table(qn));
                    }
                    return;
                };
                let key = match &t.primary_key {
                    Some(pk) if &pk.name == name => Some(pk.columns.clone()),
                    _ => t.uniques.iter().find(|u| &u.name == name).map(|u| u.columns.clone()),
                };
                if let Some(columns) = key {
                    let dependents = self.key_dependents(&qn, &columns);
                    self.blocked(ObjectKey::Constraint(qn.clone(), name.clone()), *cascade, dependents);
                }
                if !self.drop_constraint(&qn, name) && !*if_exists {
                    self.missing(ObjectKey::Constraint(qn, name.clone()));
                }
            }
            OpKind::DropConstraintOfKind { table, name, kind } => {
                let Some(qn) = self.table_or_missing(table) else {
                    return;
                };
                self.drop_constraint_of_kind(&qn, name.as_ref(), *kind);
            }
            OpKind::RenameConstraint { table, name, new_name } => {
                let Some(qn) = self.table_or_missing(table) else {
                    return;
                };
                if !self.rename_constraint(&qn, name, new_name) {
                    self.missing(ObjectKey::Constraint(qn, name.clone()));
                }
            }
            OpKind::ValidateConstraint { table, name } => {
                let Some(qn) = self.table_or_missing(table) else {
                    return;
                };
                let found = self.table_mut(&qn).is_some_and(|t| {
                    let mut found = false;
                    for fk in t.foreign_keys.iter_mut().filter(|f| &f.name == name) {
                        fk.not_valid = false;
                        found = true;
                    }
                    for ck in t.checks.iter_mut().filter(|c| &c.name == name) {
                        ck.not_valid = false;
                        found = true;
                    }
                    found
                });
                if !found {
                    self.missing(ObjectKey::Constraint(qn, name.clone()));
                }
            }
            OpKind::AlterConstraint { table, name, deferrable } => {
                let Some(qn) = self.table_or_missing(table) else {
                    return;
                };
                let exists = self.r.schema.table(&qn).is_some_and(|t| t.has_constraint(name));
                if !exists {
                    self.missing(ObjectKey::Constraint(qn, name.clone()));
                    return;
                }
                // PostgreSQL alters foreign keys only (and refuses other constraints).
                if let (Some(deferrable), Some(t)) = (deferrable, self.table_mut(&qn)) {
                    for fk in t.foreign_keys.iter_mut().filter(|f| &f.name == name) {
                        fk.deferrable = *deferrable;
                    }
                }
            }
            OpKind::CreateIndex(ci) => self.create_index(ci),
            OpKind::DropIndex { name, table, if_exists, cascade, .. } => {
                let qn = self.resolve(name);
                let unique_index = self.r.schema.find_index(&qn).and_then(|(t, r)| match r {
                    IndexRef::Index(i) if t.indexes[i].unique => {
                        let ix = &t.indexes[i];
                        let columns: Option<Vec<Ident>> = ix.keys.iter().map(|k| k.column().cloned()).collect();
                        columns.filter(|_| ix.predicate.is_none()).map(|c| (t.name.clone(), c))
                    }
                    _ => None,
                });
                if let Some((t, columns)) = unique_index {
                    let dependents = self.key_dependents(&t, &columns);
                    self.blocked(ObjectKey::Index(qn), *cascade, dependents);
                }
                self.drop_index(name, table.as_ref(), *if_exists);
            }
            OpKind::RenameIndex { name, new_name } => {
                let qn = self.resolve(name);
                let Some((table, r)) = self.r.schema.find_index(&qn).map(|(t, r)| (t.name.clone(), r)) else {
                    self.missing(ObjectKey::Index(qn));
                    return;
                };
                let new_name = new_name.clone();
                if let Some(t) = self.table_mut(&table) {
                    match r {
                        IndexRef::Index(i) => t.indexes[i].name = new_name.clone(),
                        IndexRef::PrimaryKey => {
                            if let Some(pk) = t.primary_key.as_mut() {
                                pk.name = new_name.clone();
                            }
                        }
                        IndexRef::Unique(i) => t.uniques[i].name = new_name.clone(),
                    }
                }
                self.created(ObjectKey::Index(QualifiedName { schema: qn.schema, name: new_name }));
            }
            OpKind::Reindex { .. } => {}
            OpKind::AttachIndex { parent, index } => {
                for name in [parent, index] {
                    let qn = self.resolve(name);
                    if self.r.schema.find_index(&qn).is_none() {
                        self.missing(ObjectKey::Index(qn));
                    }
                }
            }
            OpKind::SetRls { table, enabled, forced } => {
                let Some(qn) = self.table_or_missing(table) else {
                    return;
                };
                if let Some(t) = self.table_mut(&qn) {
                    if let Some(e) = enabled {
                        t.rls_enabled = *e;
                    }
                    if let Some(f) = forced {
                        t.rls_forced = *f;
                    }
                }
            }
            OpKind::CreatePolicy { name, table } => {
                let Some(qn) = self.table_or_missing(table) else {
                    return;
                };
                if let Some(existing) =
                    self.r.schema.table(&qn).and_then(|t| t.policies.iter().find(|p| &p.name == name))
                {
                    let origin = existing.origin;
                    self.duplicate(ObjectKey::Policy(qn, name.clone()), Some(origin));
                    return;
                }
                let origin = self.origin();
                if let Some(t) = self.table_mut(&qn) {
                    t.policies.push(Policy { name: name.clone(), origin });
                }
                self.created(ObjectKey::Policy(qn, name.clone()));
            }
            OpKind::DropPolicy { name, table, if_exists } => {
                let qn = self.resolve(table);
                let removed = self.table_mut(&qn).is_some_and(|t| {
                    let before = t.policies.len();
                    t.policies.retain(|p| &p.name != name);
                    before != t.policies.len()
                });
                if !removed && !*if_exists {
                    self.missing(ObjectKey::Policy(qn, name.clone()));
                }
            }
            OpKind::CreateSchema { name, if_not_exists } => {
                let builtin = self.dialect() == Dialect::Postgres && PG_BUILTIN_SCHEMAS.contains(&name.key());
                if let Some(existing) = self.r.schema.schemas.get(name).copied() {
                    if !*if_not_exists {
                        self.duplicate(ObjectKey::Schema(name.clone()), Some(existing));
                    }
                    return;
                }
                if builtin {
                    if !*if_not_exists {
                        self.duplicate(ObjectKey::Schema(name.clone()), None);
                    }
                    return;
                }
                let origin = self.origin();
                self.schema().schemas.insert(name.clone(), origin);
                self.created(ObjectKey::Schema(name.clone()));
            }
            OpKind::DropSchema { name, if_exists, cascade } => {
                if self.r.schema.schemas.contains_key(name) {
                    let dependents = self.schema_dependents(name);
                    self.blocked(ObjectKey::Schema(name.clone()), *cascade, dependents);
                }
                if self.schema().schemas.remove(name).is_none() {
                    if !*if_exists {
                        self.missing(ObjectKey::Schema(name.clone()));
                    }
                    return;
                }
                // Dropping a schema drops what is in it; without CASCADE the database refuses
                // a non-empty schema, which a valid history never asks for.
                let in_schema = |qn: &QualifiedName| qn.schema.as_ref() == Some(name);
                let tables: Vec<_> = self.r.schema.tables.keys().filter(|qn| in_schema(qn)).cloned().collect();
                for t in tables {
                    self.remove_table(&t);
                }
                let s = self.schema();
                s.enums.retain(|qn, _| !in_schema(qn));
                s.other_types.retain(|qn, _| !in_schema(qn));
                s.sequences.retain(|qn, _| !in_schema(qn));
                s.views.retain(|qn, _| !in_schema(qn));
                s.functions.retain(|qn, _| !in_schema(qn));
            }
            OpKind::CreateEnum { name, values } => {
                let qn = self.resolve(name);
                self.check_schema_exists(&qn);
                if self.r.schema.type_exists(&qn) {
                    let existing = self
                        .r
                        .schema
                        .enums
                        .get(&qn)
                        .map(|e| e.origin)
                        .or_else(|| self.r.schema.other_types.get(&qn).copied());
                    self.duplicate(ObjectKey::Type(qn), existing);
                    return;
                }
                let origin = self.origin();
                self.schema().enums.insert(qn.clone(), EnumType { name: qn.clone(), values: values.clone(), origin });
                self.created(ObjectKey::Type(qn));
            }
            OpKind::AlterEnum { name, change } => self.alter_enum(name, change),
            OpKind::DropType { name, if_exists, cascade } => {
                let qn = self.resolve(name);
                if self.r.schema.type_exists(&qn) {
                    let dependents = self.type_dependents(&qn);
                    self.blocked(ObjectKey::Type(qn.clone()), *cascade, dependents);
                }
                let removed =
                    self.schema().enums.remove(&qn).is_some() | self.schema().other_types.remove(&qn).is_some();
                if !removed && !*if_exists {
                    self.missing(ObjectKey::Type(qn));
                }
            }
            OpKind::SetTypeSchema { name, schema } => {
                let qn = self.resolve(name);
                if !self.r.schema.type_exists(&qn) {
                    self.missing(ObjectKey::Type(qn));
                    return;
                }
                let new = QualifiedName { schema: Some(schema.clone()), name: qn.name.clone() };
                self.check_schema_exists(&new);
                self.move_type(&qn, new);
            }
            OpKind::CreateDomain { name, ty } => {
                let qn = self.resolve(name);
                self.check_user_type(ty.user_type.as_ref());
                if self.r.schema.type_exists(&qn) {
                    self.duplicate(ObjectKey::Type(qn), None);
                    return;
                }
                let origin = self.origin();
                self.schema().other_types.insert(qn.clone(), origin);
                self.created(ObjectKey::Type(qn));
            }
            OpKind::CreateExtension { name, if_not_exists } => {
                if let Some(existing) = self.r.schema.extensions.get(name).copied() {
                    if !*if_not_exists {
                        self.duplicate(ObjectKey::Extension(name.clone()), Some(existing));
                    }
                    return;
                }
                let origin = self.origin();
                self.schema().extensions.insert(name.clone(), origin);
                self.created(ObjectKey::Extension(name.clone()));
            }
            OpKind::DropExtension { name, if_exists } => {
                if self.schema().extensions.remove(name).is_none() && !*if_exists {
                    self.missing(ObjectKey::Extension(name.clone()));
                }
            }
            OpKind::CreateSequence { name, if_not_exists } => {
                let qn = self.resolve(name);
                if self.r.schema.relation_exists(&qn) {
                    if !*if_not_exists {
                        let existing = self.r.schema.sequences.get(&qn).map(|s| s.origin);
                        self.duplicate(ObjectKey::Sequence(qn), existing);
                    }
                    return;
                }
                let origin = self.origin();
                self.schema().sequences.insert(qn.clone(), Sequence { origin, owned_by: None });
                self.created(ObjectKey::Sequence(qn));
            }
            OpKind::DropSequence { name, if_exists } => {
                let qn = self.resolve(name);
                if self.schema().sequences.remove(&qn).is_none() && !*if_exists {
                    self.missing(ObjectKey::Sequence(qn));
                }
            }
            OpKind::CreateView { name, or_replace, materialized, if_not_exists, depends_on } => {
                let qn = self.resolve(name);
                if let Some(existing) = self.r.schema.views.get(&qn).map(|v| v.origin) {
                    if !*or_replace && !*if_not_exists {
                        self.duplicate(ObjectKey::View(qn), Some(existing));
                    }
                    return;
                }
                if self.r.schema.tables.contains_key(&qn) {
                    if !*if_not_exists {
                        let existing = self.r.schema.table(&qn).map(|t| t.origin);
                        self.duplicate(ObjectKey::Table(qn), existing);
                    }
                    return;
                }
                let origin = self.origin();
                let depends_on = depends_on.iter().map(|d| self.resolve(d)).collect();
                self.schema()
                    .views
                    .insert(qn.clone(), View { name: qn.clone(), materialized: *materialized, depends_on, origin });
                self.created(ObjectKey::View(qn));
            }
            OpKind::RenameSequence { name, new_name } => {
                let old = self.resolve(name);
                if !self.r.schema.sequences.contains_key(&old) {
                    return self.missing(ObjectKey::Sequence(old));
                }
                let new = self.resolve(new_name);
                // `SET SCHEMA` to the schema it is in changes nothing (PostgreSQL accepts it).
                if new == old {
                    return;
                }
                self.check_schema_exists(&new);
                if self.r.schema.sequences.contains_key(&new) || self.r.schema.relation_exists(&new) {
                    let existing = self.r.schema.sequences.get(&new).map(|s| s.origin);
                    return self.duplicate(ObjectKey::Sequence(new), existing);
                }
                if let Some(seq) = self.schema().sequences.remove(&old) {
                    self.schema().sequences.insert(new.clone(), seq);
                }
                let (from, to) = (regclass_literal(&old), regclass_literal(&new));
                let users: Vec<QualifiedName> = self
                    .r
                    .schema
                    .tables
                    .values()
                    .filter(|t| {
                        t.columns.iter().any(|c| c.default.as_ref().is_some_and(|d| calls_nextval_on(d, &from)))
                    })
                    .map(|t| t.name.clone())
                    .collect();
                for t in users {
                    if let Some(t) = self.table_mut(&t) {
                        for d in t.columns.iter_mut().filter_map(|c| c.default.as_mut()) {
                            retarget_nextval(d, &from, &to);
                        }
                    }
                }
                self.created(ObjectKey::Sequence(new));
            }
            OpKind::RenameView { name, new_name } => {
                let qn = self.resolve(name);
                if !self.r.schema.views.contains_key(&qn) {
                    return self.missing(ObjectKey::View(qn));
                }
                let new = self.resolve(new_name);
                self.check_schema_exists(&new);
                self.move_view(&qn, new);
            }
            OpKind::DropView { name, if_exists, cascade, .. } => {
                let qn = self.resolve(name);
                if self.r.schema.views.contains_key(&qn) {
                    let dependents = self.reading_views(&qn);
                    self.blocked(ObjectKey::View(qn.clone()), *cascade, dependents);
                }
                if self.schema().views.remove(&qn).is_none() {
                    if !*if_exists {
                        self.missing(ObjectKey::View(qn));
                    }
                } else {
                    self.drop_dependent_views(&qn);
                }
            }
            OpKind::CreateFunction { name } => {
                // Functions overload on their argument types, which the model does not
                // track, so a second CREATE FUNCTION is not a duplicate.
                let qn = self.resolve(name);
                let origin = self.origin();
                self.schema().functions.insert(qn.clone(), origin);
                self.created(ObjectKey::Function(qn));
            }
            OpKind::DropFunction { name, if_exists } => {
                let qn = self.resolve(name);
                if self.schema().functions.remove(&qn).is_none() && !*if_exists {
                    self.missing(ObjectKey::Function(qn));
                }
            }
            OpKind::RenameFunction { name, new_name } => {
                let qn = self.resolve(name);
                let new = QualifiedName {
                    schema: new_name.schema.clone().or_else(|| qn.schema.clone()),
                    name: new_name.name.clone(),
                };
                match self.schema().functions.remove(&qn) {
                    Some(origin) => {
                        self.schema().functions.insert(new.clone(), origin);
                        self.created(ObjectKey::Function(new));
                    }
                    None => self.missing(ObjectKey::Function(qn)),
                }
            }
            OpKind::CreateTrigger { name, table } => {
                let Some(qn) = self.table_or_missing(table) else {
                    return;
                };
                if let Some(t) = self.table_mut(&qn) {
                    t.triggers.retain(|n| n != name);
                    t.triggers.push(name.clone());
                }
                self.created(ObjectKey::Trigger(qn, name.clone()));
            }
            OpKind::DropTrigger { name, table, if_exists } => {
                let Some(table) = table else { return };
                let qn = self.resolve(table);
                let removed = self.table_mut(&qn).is_some_and(|t| {
                    let before = t.triggers.len();
                    t.triggers.retain(|n| n != name);
                    before != t.triggers.len()
                });
                if !removed && !*if_exists {
                    self.missing(ObjectKey::Trigger(qn, name.clone()));
                }
            }
            OpKind::RenameTrigger { name, table, new_name } => {
                let Some(qn) = self.table_or_missing(table) else {
                    return;
                };
                let has = |r: &Replayer, n: &Ident| r.schema.table(&qn).is_some_and(|t| t.triggers.contains(n));
                if !has(self.r, name) {
                    self.missing(ObjectKey::Trigger(qn, name.clone()));
                    return;
                }
                if has(self.r, new_name) {
                    self.duplicate(ObjectKey::Trigger(qn, new_name.clone()), None);
                    return;
                }
                if let Some(t) = self.table_mut(&qn) {
                    for n in t.triggers.iter_mut().filter(|n| *n == name) {
                        *n = new_name.clone();
                    }
                }
                self.created(ObjectKey::Trigger(qn, new_name.clone()));
            }
            OpKind::AttachPartition { parent, partition } => {
                let Some(parent) = self.table_or_missing(parent) else {
                    return;
                };
                let Some(child) = self.table_or_missing(partition) else {
                    return;
                };
                if let Some(t) = self.table_mut(&child) {
                    t.partition_of = Some(parent.clone());
                }
                self.sync_partition(&parent, &child, true);
            }
            OpKind::DetachPartition { parent, partition, .. } => {
                let Some(_) = self.table_or_missing(parent) else {
                    return;
                };
                let Some(child) = self.table_or_missing(partition) else {
                    return;
                };
                if let Some(t) = self.table_mut(&child) {
                    t.partition_of = None;
                }
            }
            OpKind::Comment { target, text } => match target {
                crate::op::CommentTarget::Table(name) => {
                    let Some(qn) = self.table_or_missing(name) else {
                        return;
                    };
                    let text = text.clone();
                    if let Some(t) = self.table_mut(&qn) {
                        t.comment = text;
                    }
                }
                crate::op::CommentTarget::Column(name, column) => {
                    let text = text.clone();
                    self.alter_column(name, column, move |c| c.comment = text);
                }
                crate::op::CommentTarget::Other(_) => {}
            },
            OpKind::DataChange { table: Some(table), .. } | OpKind::Maintenance { table: Some(table), .. } => {
                let qn = self.resolve(table);
                let exists = self.r.schema.tables.contains_key(&qn) || self.r.schema.views.contains_key(&qn);
                if !exists && !is_system_catalog(table, self.dialect()) {
                    self.missing(ObjectKey::Table(qn));
                }
            }
            OpKind::DomainConstraint { .. } | OpKind::DropDatabase { .. } => {}
            OpKind::DataChange { table: None, .. }
            | OpKind::Maintenance { table: None, .. }
            | OpKind::Grant { .. }
            | OpKind::Revoke { .. }
            | OpKind::Set { .. }
            | OpKind::Transaction(_)
            | OpKind::NoEffect { .. }
            | OpKind::Opaque { .. } => {}
        }
    }

    fn alter_column(&mut self, table: &ObjectName, column: &Ident, change: impl FnOnce(&mut Column)) {
        let Some(qn) = self.table_or_missing(table) else {
            return;
        };
        if !self.column_or_missing(&qn, column) {
            return;
        }
        if let Some(col) = self.table_mut(&qn).and_then(|t| t.column_mut(column)) {
            change(col);
        }
    }

    fn check_user_type(&mut self, user_type: Option<&ObjectName>) {
        let Some(name) = user_type else { return };
        let qn = self.resolve(name);
        if !self.r.schema.type_exists(&qn) {
            self.missing(ObjectKey::Type(qn));
        }
    }

    fn create_table(&mut self, ct: &CreateTable) {
        let qn = self.resolve(&ct.name);
        if self.r.schema.relation_exists(&qn) {
            if !ct.if_not_exists {
                let existing = self.r.schema.table(&qn).map(|t| t.origin);
                self.duplicate(ObjectKey::Table(qn), existing);
            }
            return;
        }
        self.check_schema_exists(&qn);
        let origin = self.origin();
        let mut table = Table::new(qn.clone(), origin);
        table.columns_unknown = ct.as_select && ct.columns.is_empty();
        table.partitioned = ct.partitioned;

        let source = ct.partition_of.as_ref().or(ct.like.as_ref());
        if let Some(source) = source {
            let sq = self.resolve(source);
            match self.r.schema.table(&sq) {
                Some(src) => {
                    table.columns = src.columns.iter().map(|c| Column { origin, ..c.clone() }).collect();
                    if ct.partition_of.is_some() {
                        table.partition_of = Some(sq.clone());
                    }
                }
                None => self.missing(ObjectKey::Table(sq)),
            }
        }
        self.schema().tables.insert(qn.clone(), Arc::new(table));
        self.created(ObjectKey::Table(qn.clone()));

        for def in &ct.columns {
            if self.r.schema.table(&qn).is_some_and(|t| t.column(&def.name).is_some()) {
                // A partition may restate a parent column to add options; anything else is
                // a duplicate column.
                if ct.partition_of.is_none() {
                    self.duplicate(ObjectKey::Column(qn.clone(), def.name.clone()), Some(origin));
                }
                continue;
            }
            self.add_column(&qn, def);
        }
        for constraint in &ct.constraints {
            self.add_constraint(&qn, constraint, None);
        }
        if let Some(parent) = self.r.schema.table(&qn).and_then(|t| t.partition_of.clone()) {
            self.sync_partition(&parent, &qn, true);
        }
    }

    fn column_from_def(&mut self, table: &QualifiedName, def: &ColumnDef) -> Column {
        self.check_user_type(def.ty.user_type.as_ref());
        let origin = self.origin_at(def.span);
        let mut nullable = def.nullable.unwrap_or(true);
        let mut default = def.default.clone();
        if matches!(def.generated, Some(Generated::Identity { .. })) {
            nullable = false;
        }
        if def.constraints.iter().any(|c| matches!(c.kind, ConstraintKind::PrimaryKey { .. })) {
            nullable = false;
        }
        let needs_sequence = self.dialect() == Dialect::Postgres
            && (def.ty.serial || matches!(def.generated, Some(Generated::Identity { .. })));
        if needs_sequence {
            let seq = self.choose_relation_name(table, Some(def.name.as_str()), "seq");
            let seq_qn = QualifiedName { schema: table.schema.clone(), name: seq.clone() };
            self.schema()
                .sequences
                .insert(seq_qn, Sequence { origin, owned_by: Some((table.clone(), def.name.clone())) });
            if def.ty.serial {
                nullable = false;
                default = Some(nextval(&QualifiedName { schema: table.schema.clone(), name: seq.clone() }));
            }
        }
        if def.auto_increment && self.dialect() != Dialect::Postgres {
            nullable = false;
        }
        Column {
            name: def.name.clone(),
            ty: def.ty.ty.clone(),
            nullable,
            default,
            generated: def.generated.clone(),
            auto_increment: def.auto_increment,
            comment: def.comment.clone(),
            origin,
        }
    }

    /// A default stores an enum label by its identity, so after `RENAME VALUE` a default
    /// of the old label prints the new one, in arrays too.
    fn rename_label_in_defaults(&mut self, enum_name: &QualifiedName, from: &str, to: &str) {
        let enum_type = SqlType::parse(&enum_name.to_string(), self.dialect());
        let rename = |expr: &mut Expr, array: bool| {
            let literal = match expr {
                Expr::String(v) => v,
                Expr::Cast { expr, ty } if uses_type(ty, &enum_type) => match &mut **expr {
                    Expr::String(v) => v,
                    _ => return,
                },
                _ => return,
            };
            if array {
                if let Some(renamed) = crate::literal::array_rename_element(literal, from, to) {
                    *literal = renamed;
                }
            } else if literal == from {
                *literal = to.to_owned();
            }
        };
        let tables: Vec<QualifiedName> = self
            .r
            .schema
            .tables
            .values()
            .filter(|t| t.columns.iter().any(|c| c.default.is_some() && uses_type(&c.ty, &enum_type)))
            .map(|t| t.name.clone())
            .collect();
        for t in tables {
            if let Some(t) = self.table_mut(&t) {
                for c in t.columns.iter_mut().filter(|c| uses_type(&c.ty, &enum_type)) {
                    let array = matches!(c.ty.family, TypeFamily::Array(_));
                    if let Some(default) = &mut c.default {
                        rename(default, array);
                    }
                }
            }
        }
    }

    /// The partitions of a partitioned table (its direct children).
    fn partitions(&self, table: &QualifiedName) -> Vec<QualifiedName> {
        self.r
            .schema
            .tables
            .values()
            .filter(|t| t.partition_of.as_ref() == Some(table))
            .map(|t| t.name.clone())
            .collect()
    }

    /// Runs `f` as part of the current op without reporting anything: what PostgreSQL does
    /// to partitions on its own is not the history's doing.
    fn quietly(&mut self, f: impl FnOnce(&mut Cx<'_>)) {
        let mut sink = Vec::new();
        let mut cx = Cx { r: &mut *self.r, span: self.span, conditional: true, events: &mut sink };
        f(&mut cx);
    }

    /// PostgreSQL applies a column change of a partitioned table to its partitions as well
    /// (adding a column is handled by `add_column`, which must order it before the
    /// column's constraints).
    fn apply_to_partitions(&mut self, kind: &OpKind) {
        if self.dialect() != Dialect::Postgres {
            return;
        }
        let mut kind = kind.clone();
        let Some(table) = column_op_table(&mut kind) else { return };
        let qn = self.resolve(table);
        for p in self.partitions(&qn) {
            if let Some(table) = column_op_table(&mut kind) {
                *table = ObjectName { schema: p.schema.clone(), name: p.name.clone() };
            }
            self.quietly(|cx| {
                cx.apply(&kind);
                cx.apply_to_partitions(&kind);
            });
        }
    }

    fn add_column_to_partitions(&mut self, table: &QualifiedName, column: &Column) {
        for p in self.partitions(table) {
            if let Some(t) = self.table_mut(&p)
                && t.column(&column.name).is_none()
            {
                t.columns.push(column.clone());
            }
            self.add_column_to_partitions(&p, column);
        }
    }

    fn sync_partitions(&mut self, table: &QualifiedName) {
        if self.dialect() != Dialect::Postgres {
            return;
        }
        for p in self.partitions(table) {
            self.sync_partition(table, &p, false);
        }
    }

    /// Gives a partition what its partitioned table has and it lacks, as PostgreSQL does
    /// when a partition is created or attached, or the table gains a key, an index or a
    /// foreign key: the primary key and unique constraints and the indexes are cloned under
    /// names generated from the partition's own name (`events_2024_pkey`), foreign keys and
    /// checks keep the table's names. A partition's existing equivalent is kept instead.
    /// An index created `ON ONLY` the table reaches only partitions created or attached
    /// later (`new_partition`), as in PostgreSQL.
    fn sync_partition(&mut self, parent: &QualifiedName, child: &QualifiedName, new_partition: bool) {
        if self.dialect() != Dialect::Postgres {
            return;
        }
        let (Some(p), Some(c)) = (self.r.schema.table(parent), self.r.schema.table(child)) else {
            return;
        };
        let span = self.span;
        let child_name = ObjectName { schema: child.schema.clone(), name: child.name.clone() };
        let constraint = |name: Option<Ident>, kind: ConstraintKind, not_valid: bool| crate::op::Constraint {
            name,
            kind,
            not_valid,
            span,
        };
        let same_set = |a: &[Ident], b: &[Ident]| a.len() == b.len() && a.iter().all(|x| b.contains(x));
        let mut constraints = Vec::new();
        if let Some(pk) = &p.primary_key
            && c.primary_key.is_none()
        {
            constraints.push(constraint(
                None,
                ConstraintKind::PrimaryKey { columns: pk.columns.clone(), using_index: None },
                false,
            ));
        }
        for u in &p.uniques {
            if !c.uniques.iter().any(|x| same_set(&x.columns, &u.columns)) {
                constraints.push(constraint(
                    None,
                    ConstraintKind::Unique { columns: u.columns.clone(), using_index: None, nulls_not_distinct: false },
                    false,
                ));
            }
        }
        let mut indexes = Vec::new();
        for ix in &p.indexes {
            if (new_partition || !ix.only) && !c.indexes.iter().any(|x| same_index(x, ix)) {
                indexes.push(CreateIndex {
                    name: None,
                    schema: None,
                    table: child_name.clone(),
                    keys: ix.keys.clone(),
                    unique: ix.unique,
                    concurrently: false,
                    if_not_exists: false,
                    method: ix.method.clone(),
                    predicate: ix.predicate.clone(),
                    include: ix.include.clone(),
                    only: false,
                });
            }
        }
        for fk in &p.foreign_keys {
            let equivalent = c.foreign_keys.iter().any(|x| {
                x.columns == fk.columns
                    && x.referenced_table == fk.referenced_table
                    && x.referenced_columns == fk.referenced_columns
            });
            if !equivalent {
                let def = crate::op::ForeignKeyDef {
                    columns: fk.columns.clone(),
                    references: ObjectName {
                        schema: fk.referenced_table.schema.clone(),
                        name: fk.referenced_table.name.clone(),
                    },
                    referenced_columns: fk.referenced_columns.clone(),
                    on_delete: Some(fk.on_delete),
                    on_update: Some(fk.on_update),
                    deferrable: fk.deferrable,
                };
                constraints.push(constraint(Some(fk.name.clone()), ConstraintKind::ForeignKey(def), fk.not_valid));
            }
        }
        for ck in &p.checks {
            if !c.has_constraint(&ck.name) {
                let kind = ConstraintKind::Check { expr: ck.expr.clone(), columns: ck.columns.clone() };
                constraints.push(constraint(Some(ck.name.clone()), kind, ck.not_valid));
            }
        }
        let child = child.clone();
        self.quietly(|cx| {
            for k in &constraints {
                cx.add_constraint(&child, k, None);
            }
            for ci in &indexes {
                cx.create_index(ci);
            }
        });
    }

    /// Drops, from the partitions of `table`, the indexes PostgreSQL made for `index`.
    fn drop_partition_indexes(&mut self, table: &QualifiedName, index: &Index) {
        for p in self.partitions(table) {
            self.drop_partition_indexes(&p, index);
            if let Some(t) = self.table_mut(&p)
                && let Some(i) = t.indexes.iter().position(|x| same_index(x, index))
            {
                t.indexes.remove(i);
            }
        }
    }

    /// `ALTER TABLE ... SET SCHEMA` moves the sequences the table's columns own along with
    /// it, and their `nextval` defaults name the sequence in its new schema.
    fn move_owned_sequences(&mut self, table: &QualifiedName) {
        let owned: Vec<(QualifiedName, Ident)> = self
            .r
            .schema
            .sequences
            .iter()
            .filter_map(|(qn, seq)| match &seq.owned_by {
                Some((t, c)) if t == table && qn.schema != table.schema => Some((qn.clone(), c.clone())),
                _ => None,
            })
            .collect();
        for (old, column) in owned {
            let new = QualifiedName { schema: table.schema.clone(), name: old.name.clone() };
            let Some(seq) = self.schema().sequences.remove(&old) else { continue };
            self.schema().sequences.insert(new.clone(), seq);
            let (old_default, new_default) = (nextval(&old), nextval(&new));
            if let Some(col) = self.table_mut(table).and_then(|t| t.column_mut(&column))
                && col.default.as_ref() == Some(&old_default)
            {
                col.default = Some(new_default);
            }
        }
    }

    fn add_column(&mut self, table: &QualifiedName, def: &ColumnDef) {
        let column = self.column_from_def(table, def);
        if let Some(t) = self.table_mut(table) {
            t.columns.push(column.clone());
        }
        self.created(ObjectKey::Column(table.clone(), def.name.clone()));
        // The partitions get the column first, so that its constraints can be cloned to them.
        if self.dialect() == Dialect::Postgres {
            self.add_column_to_partitions(table, &column);
        }
        for constraint in &def.constraints {
            self.add_constraint(table, constraint, Some(&def.name));
        }
    }

    /// Adds a constraint and, on a partitioned table, its clones on the partitions.
    fn add_constraint(&mut self, table: &QualifiedName, constraint: &crate::op::Constraint, column: Option<&Ident>) {
        self.add_constraint_here(table, constraint, column);
        self.sync_partitions(table);
    }

    /// Adds a constraint; `column` is set for an inline column constraint, whose column
    /// list is implied.
    fn add_constraint_here(
        &mut self,
        table: &QualifiedName,
        constraint: &crate::op::Constraint,
        column: Option<&Ident>,
    ) {
        let dialect = self.dialect();
        let origin = self.origin_at(constraint.span);
        let implied = |cols: &Vec<Ident>| {
            if cols.is_empty() { column.cloned().into_iter().collect() } else { cols.clone() }
        };
        if let Some(name) = &constraint.name
            && let Some(t) = self.r.schema.table(table)
            && t.has_constraint(name)
        {
            self.duplicate(ObjectKey::Constraint(table.clone(), name.clone()), None);
            return;
        }
        match &constraint.kind {
            ConstraintKind::PrimaryKey { columns, using_index } => {
                if let Some(existing) = self.r.schema.table(table).and_then(|t| t.primary_key.as_ref()) {
                    let origin = existing.origin;
                    self.duplicate(ObjectKey::PrimaryKey(table.clone()), Some(origin));
                    return;
                }
                let columns = match using_index {
                    Some(index) => match self.take_index(table, index) {
                        Some(cols) => cols,
                        None => return,
                    },
                    None => implied(columns),
                };
                if !self.columns_exist(table, &columns, constraint.span) {
                    return;
                }
                let name = match (&constraint.name, using_index) {
                    (Some(n), _) => n.clone(),
                    (None, Some(index)) => index.clone(),
                    (None, None) => match dialect {
                        Dialect::Postgres => self.choose_relation_name(table, None, "pkey"),
                        Dialect::MySql => Ident::exact("PRIMARY"),
                        Dialect::Sqlite => Ident::exact(&format!("{}_pkey", table.name)),
                    },
                };
                if let Some(t) = self.table_mut(table) {
                    for c in &columns {
                        if let Some(col) = t.column_mut(c) {
                            col.nullable = false;
                        }
                    }
                    t.primary_key = Some(KeyConstraint { name: name.clone(), columns, origin });
                }
                self.created(ObjectKey::PrimaryKey(table.clone()));
                self.created(ObjectKey::Constraint(table.clone(), name));
            }
            ConstraintKind::Unique { columns, using_index, .. } => {
                let columns = match using_index {
                    Some(index) => match self.take_index(table, index) {
                        Some(cols) => cols,
                        None => return,
                    },
                    None => implied(columns),
                };
                if !self.columns_exist(table, &columns, constraint.span) {
                    return;
                }
                let name = match (&constraint.name, using_index) {
                    (Some(n), _) => n.clone(),
                    (None, Some(index)) => index.clone(),
                    (None, None) => match dialect {
                        Dialect::Postgres => {
                            let joined = naming::join_column_names(columns.iter().map(Ident::as_str));
                            self.choose_relation_name(table, Some(&joined), "key")
                        }
                        // MySQL names a unique key after its first column.
                        Dialect::MySql => self.mysql_index_name(table, &columns),
                        Dialect::Sqlite => Ident::exact(&format!(
                            "sqlite_autoindex_{}_{}",
                            table.name,
                            self.r.schema.table(table).map_or(0, |t| t.uniques.len()) + 1
                        )),
                    },
                };
                if let Some(t) = self.table_mut(table) {
                    t.uniques.push(KeyConstraint { name: name.clone(), columns, origin });
                }
                self.created(ObjectKey::Constraint(table.clone(), name.clone()));
                self.created(ObjectKey::Index(QualifiedName { schema: table.schema.clone(), name }));
            }
            ConstraintKind::Check { expr, columns } => {
                let name = match &constraint.name {
                    Some(n) => n.clone(),
                    None => {
                        let mut distinct: Vec<&Ident> = Vec::new();
                        for c in columns.iter().chain(column) {
                            if !distinct.contains(&c) {
                                distinct.push(c);
                            }
                        }
                        let col = if distinct.len() == 1 { Some(distinct[0].as_str().to_owned()) } else { None };
                        match dialect {
                            Dialect::MySql => {
                                let n = self.r.schema.table(table).map_or(0, |t| t.checks.len()) + 1;
                                Ident::exact(&format!("{}_chk_{n}", table.name))
                            }
                            _ => self.choose_constraint_name(table, col.as_deref(), "check"),
                        }
                    }
                };
                let mut cols = columns.clone();
                if let Some(c) = column
                    && !cols.contains(c)
                {
                    cols.push(c.clone());
                }
                if let Some(t) = self.table_mut(table) {
                    t.checks.push(CheckConstraint {
                        name: name.clone(),
                        expr: expr.clone(),
                        columns: cols,
                        not_valid: constraint.not_valid,
                        origin,
                    });
                }
                self.created(ObjectKey::Constraint(table.clone(), name));
            }
            ConstraintKind::ForeignKey(fk) => {
                // MySQL parses an inline REFERENCES clause on a column and ignores it: no
                // foreign key is created (Atlas MY102).
                if dialect == Dialect::MySql && column.is_some() {
                    return;
                }
                let columns = implied(&fk.columns);
                if !self.columns_exist(table, &columns, constraint.span) {
                    return;
                }
                let target = self.resolve(&fk.references);
                let referenced_columns = if fk.referenced_columns.is_empty() {
                    match self.r.schema.table(&target) {
                        Some(t) => match &t.primary_key {
                            Some(pk) => pk.columns.clone(),
                            None => {
                                self.missing_at(ObjectKey::PrimaryKey(target.clone()), constraint.span);
                                Vec::new()
                            }
                        },
                        None => Vec::new(),
                    }
                } else {
                    fk.referenced_columns.clone()
                };
                match self.r.schema.table(&target) {
                    Some(_) => {
                        let missing: Vec<Ident> =
                            referenced_columns.iter().filter(|c| !self.learn_column(&target, c)).cloned().collect();
                        for c in missing {
                            self.missing_at(ObjectKey::Column(target.clone(), c), constraint.span);
                        }
                    }
                    // SQLite resolves a foreign key's target only when a row is written, so a
                    // key may name a table created later; whether the target exists at the
                    // head is the rules' question.
                    None if dialect == Dialect::Sqlite => {}
                    None => self.missing_at(ObjectKey::Table(target.clone()), constraint.span),
                }
                let name = match &constraint.name {
                    Some(n) => n.clone(),
                    None => match dialect {
                        Dialect::Postgres => {
                            let joined = naming::join_column_names(columns.iter().map(Ident::as_str));
                            self.choose_constraint_name(table, Some(&joined), "fkey")
                        }
                        Dialect::MySql => {
                            let n = self.r.schema.table(table).map_or(0, |t| t.foreign_keys.len()) + 1;
                            Ident::exact(&format!("{}_ibfk_{n}", table.name))
                        }
                        Dialect::Sqlite => Ident::exact(&format!(
                            "{}_fk_{}",
                            table.name,
                            self.r.schema.table(table).map_or(0, |t| t.foreign_keys.len()) + 1
                        )),
                    },
                };
                let action = |a: Option<RefAction>| a.unwrap_or(RefAction::NoAction);
                let new_fk = ForeignKey {
                    name: name.clone(),
                    columns,
                    referenced_table: target,
                    referenced_columns,
                    on_delete: action(fk.on_delete),
                    on_update: action(fk.on_update),
                    deferrable: fk.deferrable,
                    not_valid: constraint.not_valid,
                    origin,
                };
                if let Some(t) = self.table_mut(table) {
                    t.foreign_keys.push(new_fk);
                }
                self.created(ObjectKey::Constraint(table.clone(), name));
            }
            ConstraintKind::Exclude => {
                let name = match &constraint.name {
                    Some(n) => n.clone(),
                    None => self.choose_relation_name(table, None, "excl"),
                };
                if let Some(t) = self.table_mut(table) {
                    t.exclusions.push(name.clone());
                }
                self.created(ObjectKey::Constraint(table.clone(), name));
            }
        }
    }

    /// Reports the columns of `columns` that `table` lacks; true when all exist.
    fn columns_exist(&mut self, table: &QualifiedName, columns: &[Ident], span: Span) -> bool {
        if !self.r.schema.tables.contains_key(table) {
            return false;
        }
        let missing: Vec<Ident> = columns.iter().filter(|c| !self.learn_column(table, c)).cloned().collect();
        let ok = missing.is_empty();
        for c in missing {
            self.missing_at(ObjectKey::Column(table.clone(), c), span);
        }
        ok
    }

    /// Removes a plain index that a constraint takes over (`ADD PRIMARY KEY USING INDEX`)
    /// and returns its columns.
    fn take_index(&mut self, table: &QualifiedName, index: &Ident) -> Option<Vec<Ident>> {
        let pos = self.r.schema.table(table).and_then(|t| t.indexes.iter().position(|ix| &ix.name == index));
        let Some(pos) = pos else {
            self.missing(ObjectKey::Index(QualifiedName { schema: table.schema.clone(), name: index.clone() }));
            return None;
        };
        let t = self.table_mut(table)?;
        let ix = t.indexes.remove(pos);
        Some(ix.keys.iter().filter_map(|k| k.column().cloned()).collect())
    }

    fn mysql_index_name(&self, table: &QualifiedName, columns: &[Ident]) -> Ident {
        let base = columns.first().map_or("idx".to_owned(), |c| c.as_str().to_owned());
        let t = self.r.schema.table(table);
        let taken = |n: &str| t.is_some_and(|t| t.index_ref(&Ident::normalized(n)).is_some());
        if !taken(&base) {
            return Ident::normalized(&base);
        }
        let mut n = 2;
        while taken(&format!("{base}_{n}")) {
            n += 1;
        }
        Ident::normalized(&format!("{base}_{n}"))
    }

    fn choose_relation_name(&self, table: &QualifiedName, name2: Option<&str>, label: &str) -> Ident {
        let schema = &self.r.schema;
        let name = naming::choose_name(table.name.as_str(), name2, label, |candidate| {
            let qn = QualifiedName { schema: table.schema.clone(), name: Ident::exact(candidate) };
            schema.relation_exists(&qn)
        });
        Ident::exact(&name)
    }

    /// PostgreSQL checks generated CHECK and FOREIGN KEY names against every constraint in
    /// the schema (`ChooseConstraintName`), not just the table's: after `accounts` is
    /// renamed to `accounts_old`, a new `accounts` gets `accounts_tenant_id_fkey1`.
    fn choose_constraint_name(&self, table: &QualifiedName, name2: Option<&str>, label: &str) -> Ident {
        let schema = &self.r.schema;
        let name = naming::choose_name(table.name.as_str(), name2, label, |candidate| {
            let candidate = Ident::exact(candidate);
            schema.tables.values().any(|t| t.name.schema == table.schema && t.has_constraint(&candidate))
        });
        Ident::exact(&name)
    }

    fn create_index(&mut self, ci: &CreateIndex) {
        let table_qn = self.resolve(&ci.table);
        if !self.r.schema.tables.contains_key(&table_qn) {
            if self.r.schema.views.get(&table_qn).is_some_and(|v| v.materialized) {
                return;
            }
            self.missing(ObjectKey::Table(table_qn));
            return;
        }
        let columns: Vec<Ident> = ci.keys.iter().filter_map(|k| k.column().cloned()).collect();
        if !self.columns_exist(&table_qn, &columns, self.span) {
            return;
        }
        let dialect = self.dialect();
        let name = match &ci.name {
            Some(n) => n.clone(),
            None => match dialect {
                Dialect::MySql => self.mysql_index_name(&table_qn, &columns),
                _ => {
                    // INCLUDE columns count for the name as key columns do.
                    let names: Vec<String> = ci
                        .keys
                        .iter()
                        .map(|k| match k {
                            IndexKey::Column(c) => c.as_str().to_owned(),
                            IndexKey::Expression(e) => naming::expression_key_name(e),
                        })
                        .chain(ci.include.iter().map(|c| c.as_str().to_owned()))
                        .collect();
                    let joined = naming::join_column_names(names.iter().map(String::as_str));
                    self.choose_relation_name(&table_qn, Some(&joined), "idx")
                }
            },
        };
        let index_qn = QualifiedName { schema: table_qn.schema.clone(), name: name.clone() };
        let exists = match dialect {
            Dialect::MySql => self.r.schema.table(&table_qn).is_some_and(|t| t.index_ref(&name).is_some()),
            _ => self.r.schema.relation_exists(&index_qn),
        };
        if exists {
            if !ci.if_not_exists {
                let existing = self.r.schema.find_index(&index_qn).map(|(t, r)| match r {
                    IndexRef::Index(i) => t.indexes[i].origin,
                    IndexRef::PrimaryKey => t.primary_key.as_ref().map_or(t.origin, |k| k.origin),
                    IndexRef::Unique(i) => t.uniques[i].origin,
                });
                self.duplicate(ObjectKey::Index(index_qn), existing);
            }
            return;
        }
        let origin = self.origin();
        let index = Index {
            name,
            keys: ci.keys.clone(),
            unique: ci.unique,
            predicate: ci.predicate.clone(),
            method: ci.method.clone(),
            include: ci.include.clone(),
            only: ci.only,
            origin,
        };
        if let Some(t) = self.table_mut(&table_qn) {
            t.indexes.push(index);
        }
        self.created(ObjectKey::Index(index_qn));
        if !ci.only {
            self.sync_partitions(&table_qn);
        }
    }

    fn drop_index(&mut self, name: &ObjectName, table: Option<&ObjectName>, if_exists: bool) {
        let qn = self.resolve(name);
        let found = match table {
            Some(table) => {
                let tq = self.resolve(table);
                self.r.schema.table(&tq).and_then(|t| t.index_ref(&qn.name).map(|r| (tq.clone(), r)))
            }
            None => self.r.schema.find_index(&qn).map(|(t, r)| (t.name.clone(), r)),
        };
        let Some((tq, r)) = found else {
            if !if_exists {
                self.missing(ObjectKey::Index(qn));
            }
            return;
        };
        let dialect = self.dialect();
        if let (IndexRef::Index(i), Dialect::Postgres) = (r, dialect)
            && let Some(index) = self.r.schema.table(&tq).map(|t| t.indexes[i].clone())
        {
            self.drop_partition_indexes(&tq, &index);
        }
        if let Some(t) = self.table_mut(&tq) {
            match r {
                IndexRef::Index(i) => {
                    t.indexes.remove(i);
                }
                // PostgreSQL refuses to drop the index behind a constraint; MySQL's unique
                // keys are indexes, and DROP INDEX removes them.
                IndexRef::Unique(i) if dialect != Dialect::Postgres => {
                    t.uniques.remove(i);
                }
                IndexRef::PrimaryKey | IndexRef::Unique(_) => {}
            }
        }
    }

    fn drop_table(&mut self, name: &ObjectName, if_exists: bool, cascade: bool) {
        let qn = self.resolve(name);
        if !self.r.schema.tables.contains_key(&qn) {
            if !if_exists {
                self.missing(ObjectKey::Table(qn));
            }
            return;
        }
        let dependents = self.table_dependents(&qn);
        self.blocked(ObjectKey::Table(qn.clone()), cascade, dependents);
        self.remove_table(&qn);
    }

    /// Renames a view; the views that read it follow it.
    fn move_view(&mut self, old: &QualifiedName, new: QualifiedName) {
        if self.r.schema.relation_exists(&new) {
            let existing = self.r.schema.views.get(&new).map(|v| v.origin);
            return self.duplicate(ObjectKey::View(new), existing);
        }
        let Some(mut view) = self.schema().views.remove(old) else { return };
        view.name = new.clone();
        for v in self.schema().views.values_mut() {
            for d in v.depends_on.iter_mut().filter(|d| *d == old) {
                *d = new.clone();
            }
        }
        self.schema().views.insert(new.clone(), view);
        self.created(ObjectKey::View(new));
    }

    /// Views that read `relation` go with it (PostgreSQL refuses the drop without
    /// CASCADE; the replay, as for foreign keys, keeps going as if it was given), and so do
    /// the views that read those.
    fn drop_dependent_views(&mut self, relation: &QualifiedName) {
        let dependents: Vec<QualifiedName> =
            self.r.schema.views.values().filter(|v| v.depends_on.contains(relation)).map(|v| v.name.clone()).collect();
        for v in dependents {
            if self.schema().views.remove(&v).is_some() {
                self.drop_dependent_views(&v);
            }
        }
    }

    fn remove_table(&mut self, qn: &QualifiedName) {
        self.schema().tables.remove(qn);
        self.drop_dependent_views(qn);
        // Partitions go with their parent.
        let partitions: Vec<_> = self
            .r
            .schema
            .tables
            .values()
            .filter(|t| t.partition_of.as_ref() == Some(qn))
            .map(|t| t.name.clone())
            .collect();
        for p in partitions {
            self.remove_table(&p);
        }
        let s = self.schema();
        s.sequences.retain(|_, seq| seq.owned_by.as_ref().is_none_or(|(t, _)| t != qn));
        let referencing: Vec<QualifiedName> = s
            .tables
            .values()
            .filter(|t| t.foreign_keys.iter().any(|fk| &fk.referenced_table == qn))
            .map(|t| t.name.clone())
            .collect();
        for t in referencing {
            if let Some(t) = self.table_mut(&t) {
                t.foreign_keys.retain(|fk| &fk.referenced_table != qn);
            }
        }
    }

    fn move_table(&mut self, old: &QualifiedName, new: QualifiedName) {
        if self.r.schema.relation_exists(&new) {
            let existing = self.r.schema.table(&new).map(|t| t.origin);
            self.duplicate(ObjectKey::Table(new), existing);
            return;
        }
        let Some(table) = self.schema().tables.remove(old) else {
            return;
        };
        let mut table = Arc::unwrap_or_clone(table);
        table.name = new.clone();
        // Views read the table, not its name.
        for v in self.schema().views.values_mut() {
            for d in v.depends_on.iter_mut().filter(|d| *d == old) {
                *d = new.clone();
            }
        }
        for fk in &mut table.foreign_keys {
            if &fk.referenced_table == old {
                fk.referenced_table = new.clone();
            }
        }
        self.schema().tables.insert(new.clone(), Arc::new(table));
        let others: Vec<QualifiedName> = self
            .r
            .schema
            .tables
            .values()
            .filter(|t| {
                t.foreign_keys.iter().any(|fk| &fk.referenced_table == old) || t.partition_of.as_ref() == Some(old)
            })
            .map(|t| t.name.clone())
            .collect();
        for other in others {
            if let Some(t) = self.table_mut(&other) {
                for fk in &mut t.foreign_keys {
                    if &fk.referenced_table == old {
                        fk.referenced_table = new.clone();
                    }
                }
                if t.partition_of.as_ref() == Some(old) {
                    t.partition_of = Some(new.clone());
                }
            }
        }
        for seq in self.schema().sequences.values_mut() {
            if let Some((t, _)) = &mut seq.owned_by
                && t == old
            {
                *t = new.clone();
            }
        }
        self.created(ObjectKey::Table(new));
    }

    fn drop_column(&mut self, table: &QualifiedName, column: &Ident) {
        let uses = |cols: &[Ident]| cols.contains(column);
        if let Some(t) = self.table_mut(table) {
            t.columns.retain(|c| &c.name != column);
            t.indexes.retain(|ix| {
                !ix.keys.iter().any(|k| match k {
                    IndexKey::Column(c) => c == column,
                    IndexKey::Expression(e) => mentions(e, column),
                })
            });
            if t.primary_key.as_ref().is_some_and(|pk| uses(&pk.columns)) {
                t.primary_key = None;
            }
            t.uniques.retain(|u| !uses(&u.columns));
            t.checks.retain(|c| !uses(&c.columns) && !mentions(&c.expr, column));
            t.foreign_keys.retain(|fk| !uses(&fk.columns));
        }
        let name = table.clone();
        let referencing: Vec<QualifiedName> = self
            .r
            .schema
            .tables
            .values()
            .filter(|t| {
                t.foreign_keys.iter().any(|fk| fk.referenced_table == name && fk.referenced_columns.contains(column))
            })
            .map(|t| t.name.clone())
            .collect();
        for other in referencing {
            if let Some(t) = self.table_mut(&other) {
                t.foreign_keys.retain(|fk| !(fk.referenced_table == name && fk.referenced_columns.contains(column)));
            }
        }
        self.schema()
            .sequences
            .retain(|_, seq| seq.owned_by.as_ref().is_none_or(|(t, c)| !(t == &name && c == column)));
    }

    fn rename_column(&mut self, table: &QualifiedName, column: &Ident, new_name: &Ident) {
        let dialect = self.dialect();
        let rename = |cols: &mut Vec<Ident>| {
            for c in cols.iter_mut() {
                if c == column {
                    *c = new_name.clone();
                }
            }
        };
        if let Some(t) = self.table_mut(table) {
            if let Some(col) = t.column_mut(column) {
                col.name = new_name.clone();
            }
            if let Some(pk) = t.primary_key.as_mut() {
                rename(&mut pk.columns);
            }
            for u in &mut t.uniques {
                rename(&mut u.columns);
            }
            // The database stores expressions parsed, so a renamed column shows its new
            // name wherever an expression used it.
            for c in &mut t.checks {
                rename(&mut c.columns);
                c.expr = rename_in_sql(&c.expr, column, new_name, dialect);
            }
            for ix in &mut t.indexes {
                for k in &mut ix.keys {
                    match k {
                        IndexKey::Column(c) if c == column => *c = new_name.clone(),
                        IndexKey::Column(_) => {}
                        IndexKey::Expression(e) => *e = rename_in_sql(e, column, new_name, dialect),
                    }
                }
                if let Some(p) = &mut ix.predicate {
                    *p = rename_in_sql(p, column, new_name, dialect);
                }
            }
            for fk in &mut t.foreign_keys {
                rename(&mut fk.columns);
            }
        }
        let name = table.clone();
        let referencing: Vec<QualifiedName> = self
            .r
            .schema
            .tables
            .values()
            .filter(|t| t.foreign_keys.iter().any(|fk| fk.referenced_table == name))
            .map(|t| t.name.clone())
            .collect();
        for other in referencing {
            if let Some(t) = self.table_mut(&other) {
                for fk in t.foreign_keys.iter_mut().filter(|fk| fk.referenced_table == name) {
                    rename(&mut fk.referenced_columns);
                }
            }
        }
        for seq in self.schema().sequences.values_mut() {
            if let Some((t, c)) = &mut seq.owned_by
                && t == &name
                && c == column
            {
                *c = new_name.clone();
            }
        }
    }

    /// Drops a named constraint of any kind, and its clones on the partitions of a
    /// partitioned table; returns whether one was found.
    fn drop_constraint(&mut self, table: &QualifiedName, name: &Ident) -> bool {
        let clones: Vec<(QualifiedName, Ident)> = match self.r.schema.table(table) {
            Some(t) if self.dialect() == Dialect::Postgres => self
                .partitions(table)
                .into_iter()
                .filter_map(|p| {
                    let child = self.r.schema.table(&p)?;
                    let twin = partition_twin(t, child, name)?;
                    Some((p, twin))
                })
                .collect(),
            _ => Vec::new(),
        };
        for (partition, twin) in clones {
            self.drop_constraint(&partition, &twin);
        }
        let Some(t) = self.r.schema.table(table) else {
            return false;
        };
        let key_columns = if t.primary_key.as_ref().is_some_and(|pk| &pk.name == name) {
            t.primary_key.as_ref().map(|pk| pk.columns.clone())
        } else {
            t.uniques.iter().find(|u| &u.name == name).map(|u| u.columns.clone())
        };
        let found = self.table_mut(table).is_some_and(|t| {
            let mut found = false;
            if t.primary_key.as_ref().is_some_and(|pk| &pk.name == name) {
                t.primary_key = None;
                found = true;
            }
            let before = t.uniques.len() + t.checks.len() + t.foreign_keys.len() + t.exclusions.len();
            t.uniques.retain(|u| &u.name != name);
            t.checks.retain(|c| &c.name != name);
            t.foreign_keys.retain(|f| &f.name != name);
            t.exclusions.retain(|e| e != name);
            found || before != t.uniques.len() + t.checks.len() + t.foreign_keys.len() + t.exclusions.len()
        });
        // Foreign keys that depended on a dropped key go with it (CASCADE); without CASCADE
        // the database refuses, which a valid history never asks for.
        if let Some(columns) = key_columns
            && !self.r.schema.table(table).is_some_and(|t| t.has_unique_key(&columns))
        {
            self.drop_dependent_fks(table, &columns);
        }
        found
    }

    fn drop_dependent_fks(&mut self, table: &QualifiedName, columns: &[Ident]) {
        let same = |cols: &[Ident]| cols.len() == columns.len() && cols.iter().all(|c| columns.contains(c));
        let referencing: Vec<QualifiedName> = self
            .r
            .schema
            .tables
            .values()
            .filter(|t| t.foreign_keys.iter().any(|fk| &fk.referenced_table == table && same(&fk.referenced_columns)))
            .map(|t| t.name.clone())
            .collect();
        for other in referencing {
            if let Some(t) = self.table_mut(&other) {
                t.foreign_keys.retain(|fk| !(&fk.referenced_table == table && same(&fk.referenced_columns)));
            }
        }
    }

    fn drop_constraint_of_kind(&mut self, table: &QualifiedName, name: Option<&Ident>, kind: ConstraintKindTag) {
        let found = match (kind, name) {
            (ConstraintKindTag::PrimaryKey, _) => {
                let had = self.r.schema.table(table).and_then(|t| t.primary_key.as_ref().map(|pk| pk.columns.clone()));
                if let Some(t) = self.table_mut(table) {
                    t.primary_key = None;
                }
                if let Some(cols) = &had {
                    self.drop_dependent_fks(table, cols);
                }
                had.is_some()
            }
            (ConstraintKindTag::Index, Some(name)) => self.table_mut(table).is_some_and(|t| {
                let before = t.indexes.len() + t.uniques.len();
                t.indexes.retain(|ix| &ix.name != name);
                t.uniques.retain(|u| &u.name != name);
                before != t.indexes.len() + t.uniques.len()
            }),
            (ConstraintKindTag::ForeignKey, Some(name)) => self.table_mut(table).is_some_and(|t| {
                let before = t.foreign_keys.len();
                t.foreign_keys.retain(|f| &f.name != name);
                before != t.foreign_keys.len()
            }),
            (ConstraintKindTag::Check, Some(name)) => self.table_mut(table).is_some_and(|t| {
                let before = t.checks.len();
                t.checks.retain(|c| &c.name != name);
                before != t.checks.len()
            }),
            (ConstraintKindTag::Unique, Some(name)) => self.drop_constraint(table, name),
            (_, None) => false,
        };
        if !found {
            match (kind, name) {
                (ConstraintKindTag::PrimaryKey, _) => self.missing(ObjectKey::PrimaryKey(table.clone())),
                (ConstraintKindTag::Index, Some(name)) => {
                    self.missing(ObjectKey::Index(QualifiedName { schema: table.schema.clone(), name: name.clone() }))
                }
                (_, Some(name)) => self.missing(ObjectKey::Constraint(table.clone(), name.clone())),
                (_, None) => {}
            }
        }
    }

    fn rename_constraint(&mut self, table: &QualifiedName, name: &Ident, new_name: &Ident) -> bool {
        let dialect = self.dialect();
        let found = self.table_mut(table).is_some_and(|t| {
            let mut found = false;
            if let Some(pk) = t.primary_key.as_mut().filter(|pk| &pk.name == name) {
                pk.name = new_name.clone();
                found = true;
            }
            for u in t.uniques.iter_mut().filter(|u| &u.name == name) {
                u.name = new_name.clone();
                found = true;
            }
            for c in t.checks.iter_mut().filter(|c| &c.name == name) {
                c.name = new_name.clone();
                found = true;
            }
            for f in t.foreign_keys.iter_mut().filter(|f| &f.name == name) {
                f.name = new_name.clone();
                found = true;
            }
            for e in t.exclusions.iter_mut().filter(|e| *e == name) {
                *e = new_name.clone();
                found = true;
            }
            // MySQL's RENAME INDEX is the same op for plain indexes.
            if dialect == Dialect::MySql {
                for ix in t.indexes.iter_mut().filter(|ix| &ix.name == name) {
                    ix.name = new_name.clone();
                    found = true;
                }
            }
            found
        });
        if found {
            self.created(ObjectKey::Constraint(table.clone(), new_name.clone()));
        }
        found
    }

    /// Renames a named type or moves it to another schema. Columns and casts refer to a
    /// type by its identity, so the columns of that type, and the casts to it in their
    /// defaults, show the new name.
    fn move_type(&mut self, qn: &QualifiedName, new_qn: QualifiedName) {
        if *qn == new_qn {
            return;
        }
        if self.r.schema.type_exists(&new_qn) {
            self.duplicate(ObjectKey::Type(new_qn), None);
            return;
        }
        if let Some(mut e) = self.schema().enums.remove(qn) {
            e.name = new_qn.clone();
            self.schema().enums.insert(new_qn.clone(), e);
        } else if let Some(origin) = self.schema().other_types.remove(qn) {
            self.schema().other_types.insert(new_qn.clone(), origin);
        } else {
            return;
        }
        let dialect = self.dialect();
        let old_type = SqlType::parse(&qn.to_string(), dialect);
        let new_type = SqlType::parse(&new_qn.to_string(), dialect);
        let tables: Vec<QualifiedName> = self
            .r
            .schema
            .tables
            .values()
            .filter(|t| t.columns.iter().any(|c| uses_type(&c.ty, &old_type)))
            .map(|t| t.name.clone())
            .collect();
        for t in tables {
            if let Some(t) = self.table_mut(&t) {
                for c in t.columns.iter_mut().filter(|c| uses_type(&c.ty, &old_type)) {
                    c.ty = if matches!(c.ty.family, TypeFamily::Array(_)) {
                        SqlType::parse(&format!("{new_qn}[]"), dialect)
                    } else {
                        new_type.clone()
                    };
                    if let Some(default) = &mut c.default {
                        retype_casts(default, &old_type, &new_type, dialect);
                    }
                }
            }
        }
        self.created(ObjectKey::Type(new_qn));
    }

    fn alter_identity(&mut self, table: &ObjectName, column: &Ident, change: &IdentityChange) {
        let Some(qn) = self.table_or_missing(table) else {
            return;
        };
        if !self.column_or_missing(&qn, column) {
            return;
        }
        let is_identity = |r: &Replayer| {
            r.schema
                .table(&qn)
                .and_then(|t| t.column(column))
                .is_some_and(|c| matches!(c.generated, Some(Generated::Identity { .. })))
        };
        match change {
            IdentityChange::Add { always, sequence } => {
                // PostgreSQL wants the column NOT NULL already (pg_dump declares it so in
                // CREATE TABLE); an identity column is NOT NULL in any case. An unqualified
                // sequence name lands in the table's schema.
                let seq = match sequence {
                    Some(s) => {
                        QualifiedName { schema: s.schema.clone().or_else(|| qn.schema.clone()), name: s.name.clone() }
                    }
                    None => QualifiedName {
                        schema: qn.schema.clone(),
                        name: self.choose_relation_name(&qn, Some(column.as_str()), "seq"),
                    },
                };
                if self.r.schema.relation_exists(&seq) {
                    let existing = self.r.schema.sequences.get(&seq).map(|s| s.origin);
                    self.duplicate(ObjectKey::Sequence(seq), existing);
                } else {
                    let origin = self.origin();
                    self.schema()
                        .sequences
                        .insert(seq, Sequence { origin, owned_by: Some((qn.clone(), column.clone())) });
                }
                let always = *always;
                if let Some(c) = self.table_mut(&qn).and_then(|t| t.column_mut(column)) {
                    c.generated = Some(Generated::Identity { always });
                    c.nullable = false;
                }
            }
            IdentityChange::Set { always } => {
                if let (Some(always), true) = (always, is_identity(self.r))
                    && let Some(c) = self.table_mut(&qn).and_then(|t| t.column_mut(column))
                {
                    c.generated = Some(Generated::Identity { always: *always });
                }
            }
            IdentityChange::Drop { .. } => {
                if !is_identity(self.r) {
                    return;
                }
                if let Some(c) = self.table_mut(&qn).and_then(|t| t.column_mut(column)) {
                    c.generated = None;
                }
                let owner = Some((qn.clone(), column.clone()));
                self.schema().sequences.retain(|_, s| s.owned_by != owner);
            }
        }
    }

    fn alter_enum(&mut self, name: &ObjectName, change: &EnumChange) {
        let qn = self.resolve(name);
        if !self.r.schema.enums.contains_key(&qn) {
            self.missing(ObjectKey::Type(qn));
            return;
        }
        match change {
            EnumChange::AddValue { value, if_not_exists, before, after } => {
                let exists = self.r.schema.enums.get(&qn).is_some_and(|e| e.values.contains(value));
                if exists {
                    if !if_not_exists {
                        self.duplicate(ObjectKey::EnumValue(qn, value.clone()), None);
                    }
                    return;
                }
                let position = {
                    let e = &self.r.schema.enums[&qn];
                    let find = |v: &String| e.values.iter().position(|x| x == v);
                    match (before, after) {
                        (Some(b), _) => find(b).ok_or(b.clone()),
                        (_, Some(a)) => find(a).map(|i| i + 1).ok_or(a.clone()),
                        _ => Ok(e.values.len()),
                    }
                };
                match position {
                    Ok(i) => {
                        if let Some(e) = self.schema().enums.get_mut(&qn) {
                            e.values.insert(i, value.clone());
                        }
                        self.created(ObjectKey::EnumValue(qn, value.clone()));
                    }
                    Err(neighbour) => self.missing(ObjectKey::EnumValue(qn, neighbour)),
                }
            }
            EnumChange::RenameValue { from, to } => {
                let pos = self.r.schema.enums.get(&qn).and_then(|e| e.values.iter().position(|v| v == from));
                match pos {
                    Some(i) => {
                        if let Some(e) = self.schema().enums.get_mut(&qn) {
                            e.values[i] = to.clone();
                        }
                        self.rename_label_in_defaults(&qn, from, to);
                        self.created(ObjectKey::EnumValue(qn, to.clone()));
                    }
                    None => self.missing(ObjectKey::EnumValue(qn, from.clone())),
                }
            }
            EnumChange::DropValue { value } => {
                let removed = self.schema().enums.get_mut(&qn).is_some_and(|e| {
                    let before = e.values.len();
                    e.values.retain(|v| v != value);
                    before != e.values.len()
                });
                if !removed {
                    self.missing(ObjectKey::EnumValue(qn, value.clone()));
                }
            }
            EnumChange::Rename { new_name } => {
                let new_qn = QualifiedName { schema: qn.schema.clone(), name: new_name.clone() };
                self.move_type(&qn, new_qn);
            }
        }
    }
}

/// Whether `name` is one of the database's own catalog tables or views, which every
/// database has and no history creates: `UPDATE pg_index SET indisready = false`,
/// `SELECT ... FROM information_schema.columns`, SQLite's `DELETE FROM sqlite_sequence`.
///
/// PostgreSQL searches `pg_catalog` before the schemas of the search path, so an unqualified
/// `pg_*` name is a catalog unless the history created a table of that name (which the
/// caller looks up first); SQLite reserves the `sqlite_` prefix.
fn is_system_catalog(name: &ObjectName, dialect: Dialect) -> bool {
    let schema = name.schema.as_ref().map(Ident::key);
    match dialect {
        Dialect::Postgres => match schema {
            Some(s) => matches!(s, "pg_catalog" | "information_schema" | "pg_toast"),
            None => name.name.key().starts_with("pg_"),
        },
        Dialect::MySql => {
            matches!(schema, Some("mysql" | "information_schema" | "performance_schema" | "sys"))
        }
        Dialect::Sqlite => name.name.key().starts_with("sqlite_"),
    }
}

/// Replaces the type `old` (and its array type) by `new` in the casts of an expression.
fn retype_casts(expr: &mut Expr, old: &SqlType, new: &SqlType, dialect: Dialect) {
    match expr {
        Expr::Cast { expr, ty } => {
            if *ty == *old {
                *ty = new.clone();
            } else if matches!(&ty.family, TypeFamily::Array(inner) if **inner == old.family) {
                *ty = SqlType::parse(&format!("{}[]", new.canonical), dialect);
            }
            retype_casts(expr, old, new, dialect);
        }
        Expr::Neg(e) => retype_casts(e, old, new, dialect),
        Expr::Function { args: items, .. } | Expr::Array { elements: items, .. } => {
            items.iter_mut().for_each(|e| retype_casts(e, old, new, dialect));
        }
        Expr::AtTimeZone { expr: a, zone: b } | Expr::BinaryOp { left: a, right: b, .. } => {
            retype_casts(a, old, new, dialect);
            retype_casts(b, old, new, dialect);
        }
        Expr::Null | Expr::Bool(_) | Expr::Number(_) | Expr::String(_) | Expr::Keyword { .. } | Expr::Raw(_) => {}
    }
}

fn uses_type(ty: &SqlType, named: &SqlType) -> bool {
    match &ty.family {
        TypeFamily::Array(inner) => **inner == named.family,
        family => *family == named.family,
    }
}

/// Whether two indexes are defined alike, so that PostgreSQL would take one for the
/// other's partition index.
fn same_index(a: &Index, b: &Index) -> bool {
    a.keys == b.keys
        && a.unique == b.unique
        && a.predicate == b.predicate
        && a.include == b.include
        && a.method == b.method
}

/// The name, on a partition, of the clone of the partitioned table's constraint `name`:
/// keys are cloned under generated names, so they are found by their columns; foreign
/// keys and checks keep their name.
fn partition_twin(parent: &Table, child: &Table, name: &Ident) -> Option<Ident> {
    let same_set = |a: &[Ident], b: &[Ident]| a.len() == b.len() && a.iter().all(|x| b.contains(x));
    if let Some(pk) = parent.primary_key.as_ref().filter(|pk| &pk.name == name) {
        return child.primary_key.as_ref().filter(|c| same_set(&c.columns, &pk.columns)).map(|c| c.name.clone());
    }
    if let Some(u) = parent.uniques.iter().find(|u| &u.name == name) {
        return child.uniques.iter().find(|c| same_set(&c.columns, &u.columns)).map(|c| c.name.clone());
    }
    child.has_constraint(name).then(|| name.clone())
}

/// The table a column op changes, for the ops PostgreSQL repeats on partitions: changing
/// it through the reference aims the op at another table.
fn column_op_table(kind: &mut OpKind) -> Option<&mut ObjectName> {
    match kind {
        OpKind::DropColumn { table, .. }
        | OpKind::RenameColumn { table, .. }
        | OpKind::AlterColumnType { table, .. }
        | OpKind::SetNotNull { table, .. }
        | OpKind::DropNotNull { table, .. }
        | OpKind::SetDefault { table, .. }
        | OpKind::DropDefault { table, .. } => Some(table),
        _ => None,
    }
}

/// How `regclass` prints a sequence's name: qualified unless it is in `public` (the
/// default search path), each part quoted where PostgreSQL quotes it.
fn regclass_literal(sequence: &QualifiedName) -> String {
    let name = crate::types::quote_pg_ident(sequence.name.as_str());
    match &sequence.schema {
        Some(s) if s.key() != "public" => format!("{}.{name}", crate::types::quote_pg_ident(s.as_str())),
        _ => name,
    }
}

/// The `'name'` literal of a `nextval('name')` or `nextval('name'::regclass)` call.
fn nextval_literal(e: &mut Expr) -> Option<&mut String> {
    let Expr::Function { name, args } = e else { return None };
    if name != "nextval" {
        return None;
    }
    match args.as_mut_slice() {
        [Expr::String(s)] => Some(s),
        [Expr::Cast { expr, .. }] => match &mut **expr {
            Expr::String(s) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `e` is a nextval() call on the sequence whose `regclass` spelling is `literal`
/// (also written with `public.` in front).
fn calls_nextval_on(e: &Expr, literal: &str) -> bool {
    let mut e = e.clone();
    nextval_literal(&mut e).is_some_and(|s| s == literal || s.strip_prefix("public.") == Some(literal))
}

/// Points a nextval() call on the sequence spelled `from` at the one spelled `to`, keeping
/// the call's form (PostgreSQL stores the sequence, not its name, so the default follows).
fn retarget_nextval(e: &mut Expr, from: &str, to: &str) {
    if calls_nextval_on(e, from)
        && let Some(s) = nextval_literal(e)
    {
        *s = to.to_owned();
    }
}

/// The default a `serial` column gets: `nextval('users_id_seq'::regclass)`, the sequence
/// qualified unless it is in `public` (as `regclass` prints it with the default search path).
fn nextval(sequence: &QualifiedName) -> Expr {
    let regclass = regclass_literal(sequence);
    Expr::Function {
        name: "nextval".into(),
        args: vec![Expr::Cast {
            expr: Box::new(Expr::String(regclass)),
            ty: SqlType::parse("regclass", Dialect::Postgres),
        }],
    }
}

/// Replaces the references to `column` in SQL text (an expression index key, a check, an
/// index predicate) with `new_name`. Skips string literals and function names, so
/// `lower(email)` becomes `lower(login_email)` but `lower` the column is not confused with
/// `lower(...)` the function.
fn rename_in_sql(sql: &str, column: &Ident, new_name: &Ident, dialect: Dialect) -> String {
    let new_text = match dialect {
        Dialect::Postgres => crate::types::quote_pg_ident(new_name.as_str()),
        Dialect::MySql | Dialect::Sqlite => new_name.as_str().to_owned(),
    };
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(c) = rest.chars().next() {
        let len = match c {
            '\'' => rest[1..].find('\'').map_or(rest.len(), |i| i + 2),
            '"' | '`' => {
                let end = rest[1..].find(c).map_or(rest.len(), |i| i + 2);
                let inner = &rest[1..end.saturating_sub(1).max(1)];
                if Ident::new(inner, true, dialect) == *column {
                    out.push_str(&new_text);
                    rest = &rest[end..];
                    continue;
                }
                end
            }
            c if c.is_alphabetic() || c == '_' => {
                let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$')).unwrap_or(rest.len());
                let word = &rest[..end];
                let is_call = rest[end..].trim_start().starts_with('(');
                if !is_call && Ident::new(word, false, dialect) == *column {
                    out.push_str(&new_text);
                    rest = &rest[end..];
                    continue;
                }
                end
            }
            c => c.len_utf8(),
        };
        out.push_str(&rest[..len]);
        rest = &rest[len..];
    }
    out
}

/// Whether SQL text mentions a column as a whole word; used for expression indexes and
/// check constraints, which the model keeps as text.
fn mentions(sql: &str, column: &Ident) -> bool {
    let needle = column.key();
    let lower = sql.to_lowercase();
    let bytes = lower.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut start = 0;
    while let Some(pos) = lower[start..].find(needle) {
        let at = start + pos;
        let end = at + needle.len();
        let before_ok = at == 0 || !is_word(bytes[at - 1]);
        let after_ok = end >= bytes.len() || !is_word(bytes[end]);
        if before_ok && after_ok {
            return true;
        }
        start = at + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::op::{Constraint, DataChangeKind, ForeignKeyDef, MaintenanceKind, TypeRef};
    use crate::span::FileId;

    fn pg(name: &str) -> Ident {
        Ident::new(name, false, Dialect::Postgres)
    }

    fn obj(name: &str) -> ObjectName {
        match name.split_once('.') {
            Some((schema, name)) => ObjectName { schema: Some(pg(schema)), name: pg(name) },
            None => ObjectName { schema: None, name: pg(name) },
        }
    }

    fn span() -> Span {
        Span::new(FileId(0), 0, 1)
    }

    fn column(name: &str, ty: &str, default: Option<Expr>) -> ColumnDef {
        ColumnDef {
            name: pg(name),
            ty: TypeRef::parse(ty, Dialect::Postgres),
            nullable: None,
            default,
            generated: None,
            constraints: Vec::new(),
            auto_increment: false,
            comment: None,
            span: span(),
        }
    }

    fn constraint(name: Option<&str>, kind: ConstraintKind) -> Constraint {
        Constraint { name: name.map(pg), kind, not_valid: false, span: span() }
    }

    fn create(name: &str, columns: Vec<ColumnDef>, constraints: Vec<Constraint>, partition_of: Option<&str>) -> OpKind {
        OpKind::CreateTable(CreateTable {
            name: obj(name),
            if_not_exists: false,
            temporary: false,
            columns,
            constraints,
            partition_of: partition_of.map(obj),
            partitioned: false,
            like: None,
            as_select: false,
        })
    }

    fn index(table: &str, keys: &[&str], include: &[&str]) -> OpKind {
        OpKind::CreateIndex(CreateIndex {
            name: None,
            schema: None,
            table: obj(table),
            keys: keys.iter().map(|k| IndexKey::Column(pg(k))).collect(),
            unique: false,
            concurrently: false,
            if_not_exists: false,
            method: None,
            predicate: None,
            include: include.iter().map(|c| pg(c)).collect(),
            only: false,
        })
    }

    fn replay(kinds: Vec<OpKind>) -> Schema {
        let mut r = Replayer::new(Dialect::Postgres);
        let mut events = Vec::new();
        for kind in kinds {
            r.apply(&Op::new(kind, span()), &mut events);
        }
        r.into_schema()
    }

    /// The missing and duplicate objects a replay of `kinds` reports.
    fn problems(dialect: Dialect, kinds: Vec<OpKind>) -> Vec<ReplayEvent> {
        let mut r = Replayer::new(dialect);
        let mut events = Vec::new();
        for kind in kinds {
            r.apply(&Op::new(kind, span()), &mut events);
        }
        events.retain(|e| !matches!(e, ReplayEvent::Created { .. }));
        events
    }

    #[test]
    fn renamed_sequences_carry_the_defaults_that_call_them() {
        let nextval_on = |name: &str| Expr::Function { name: "nextval".into(), args: vec![Expr::String(name.into())] };
        let kinds = || {
            vec![
                OpKind::CreateSequence { name: obj("s2"), if_not_exists: false },
                create("t", vec![column("id", "bigint", Some(nextval_on("s2")))], vec![], None),
                OpKind::RenameSequence { name: obj("s2"), new_name: obj("s3") },
                // SET SCHEMA to its own schema: no change, no finding.
                OpKind::RenameSequence { name: obj("s3"), new_name: obj("public.s3") },
                OpKind::RenameSequence { name: obj("nope"), new_name: obj("nope2") },
            ]
        };
        let s = replay(kinds());
        assert_eq!(table(&s, "t").columns[0].default, Some(nextval_on("s3")));
        assert!(s.sequences.contains_key(&obj("s3").resolve(Dialect::Postgres)));
        let events = problems(Dialect::Postgres, kinds());
        assert!(
            matches!(events.as_slice(), [ReplayEvent::Missing { key: ObjectKey::Sequence(qn), .. }] if qn.name.as_str() == "nope"),
            "{events:?}"
        );
    }

    #[test]
    fn drops_without_cascade_are_blocked_by_what_depends_on_them() {
        let fk = |references: &str| {
            constraint(
                None,
                ConstraintKind::ForeignKey(ForeignKeyDef {
                    columns: vec![pg("a_id")],
                    references: obj(references),
                    referenced_columns: vec![pg("id")],
                    on_delete: None,
                    on_update: None,
                    deferrable: false,
                }),
            )
        };
        let pk = constraint(None, ConstraintKind::PrimaryKey { columns: vec![pg("id")], using_index: None });
        let base = || {
            vec![
                create("a", vec![column("id", "bigint", None)], vec![pk.clone()], None),
                create("b", vec![column("a_id", "bigint", None)], vec![fk("a")], None),
            ]
        };
        let drop = |name: &str, cascade: bool| OpKind::DropTable { name: obj(name), if_exists: false, cascade };
        let blocked = |kinds: Vec<OpKind>| -> Vec<String> {
            problems(Dialect::Postgres, kinds)
                .into_iter()
                .filter_map(|e| match e {
                    ReplayEvent::Blocked { key, dependents, .. } => Some(format!(
                        "{key} <- {}",
                        dependents.iter().map(|d| d.key.to_string()).collect::<Vec<_>>().join(", ")
                    )),
                    _ => None,
                })
                .collect()
        };
        let mut kinds = base();
        kinds.push(drop("a", false));
        assert_eq!(blocked(kinds), ["table a <- constraint b.b_a_id_fkey"]);
        // With CASCADE, or once the referencing table is gone, nothing stands in the way.
        let mut kinds = base();
        kinds.push(drop("a", true));
        assert!(blocked(kinds).is_empty());
        let mut kinds = base();
        kinds.extend([drop("b", false), drop("a", false)]);
        assert!(blocked(kinds).is_empty());
        // The referenced column and the key the foreign key needs are blocked too; the
        // referencing column is not (its key goes with it).
        let mut kinds = base();
        kinds.push(OpKind::DropColumn { table: obj("b"), column: pg("a_id"), if_exists: false, cascade: false });
        kinds.push(OpKind::DropColumn { table: obj("a"), column: pg("id"), if_exists: false, cascade: false });
        assert!(blocked(kinds).is_empty(), "the key went with b.a_id");
        let mut kinds = base();
        kinds.push(OpKind::DropConstraint { table: obj("a"), name: pg("a_pkey"), if_exists: false, cascade: false });
        assert_eq!(blocked(kinds), ["constraint a.a_pkey <- constraint b.b_a_id_fkey"]);
        // MySQL and SQLite keep no such dependencies.
        let mut kinds = base();
        kinds.push(drop("a", false));
        assert!(!problems(Dialect::Sqlite, kinds).iter().any(|e| matches!(e, ReplayEvent::Blocked { .. })));
    }

    fn table<'a>(schema: &'a Schema, name: &str) -> &'a Table {
        schema.table(&obj(name).resolve(Dialect::Postgres)).unwrap_or_else(|| panic!("no table {name}"))
    }

    fn index_names(t: &Table) -> Vec<&str> {
        t.indexes.iter().map(|ix| ix.name.as_str()).collect()
    }

    fn default_of(t: &Table, column: &str) -> Option<String> {
        let c = t.column(&pg(column)).unwrap();
        c.default.as_ref().and_then(|d| d.render_default(&c.ty, Dialect::Postgres))
    }

    // The expected values in the tests below were read from PostgreSQL 15 after running the
    // same DDL.

    #[test]
    fn alter_type_keeps_the_literal_default_of_the_old_type() {
        let s = replay(vec![
            create("t", vec![column("v", "varchar(10)", Some(Expr::String("x".into())))], vec![], None),
            OpKind::AlterColumnType {
                table: obj("t"),
                column: pg("v"),
                ty: TypeRef::parse("text", Dialect::Postgres),
                using: None,
            },
        ]);
        assert_eq!(default_of(table(&s, "t"), "v").as_deref(), Some("'x'::character varying"));
    }

    #[test]
    fn set_schema_moves_the_owned_sequence() {
        let s = replay(vec![
            OpKind::CreateSchema { name: pg("billing"), if_not_exists: false },
            create("t3", vec![column("id", "bigserial", None)], vec![], None),
            OpKind::SetTableSchema { table: obj("t3"), schema: pg("billing") },
        ]);
        assert_eq!(
            default_of(table(&s, "billing.t3"), "id").as_deref(),
            Some("nextval('billing.t3_id_seq'::regclass)")
        );
        assert!(s.sequences.contains_key(&obj("billing.t3_id_seq").resolve(Dialect::Postgres)));
    }

    #[test]
    fn generated_constraint_names_are_unique_in_the_schema() {
        let tenants = constraint(None, ConstraintKind::PrimaryKey { columns: vec![pg("id")], using_index: None });
        let accounts = || {
            let mut tenant_id = column("tenant_id", "bigint", None);
            tenant_id.constraints.push(constraint(
                None,
                ConstraintKind::ForeignKey(ForeignKeyDef {
                    columns: vec![],
                    references: obj("tenants"),
                    referenced_columns: vec![],
                    on_delete: None,
                    on_update: None,
                    deferrable: false,
                }),
            ));
            let mut n = column("n", "int", None);
            n.constraints
                .push(constraint(None, ConstraintKind::Check { expr: "n > 0".into(), columns: vec![pg("n")] }));
            create("accounts", vec![tenant_id, n], vec![], None)
        };
        let s = replay(vec![
            create("tenants", vec![column("id", "bigint", None)], vec![tenants], None),
            accounts(),
            OpKind::RenameTable { table: obj("accounts"), new_name: pg("accounts_old") },
            accounts(),
        ]);
        let t = table(&s, "accounts");
        assert_eq!(t.foreign_keys[0].name.as_str(), "accounts_tenant_id_fkey1");
        assert_eq!(t.checks[0].name.as_str(), "accounts_n_check1");
    }

    #[test]
    fn enum_renames_reach_the_defaults() {
        let enum_ty = |s: &str| TypeRef::parse(s, Dialect::Postgres).ty;
        let cast = |v: &str, t: &str| Expr::Cast { expr: Box::new(Expr::String(v.into())), ty: enum_ty(t) };
        let s = replay(vec![
            OpKind::CreateEnum { name: obj("st"), values: vec!["active".into(), "archived".into()] },
            create(
                "p",
                vec![
                    column("s", "st", Some(Expr::String("archived".into()))),
                    column("s2", "st", Some(cast("active", "st"))),
                    column("s3", "st[]", Some(Expr::String("{archived, active}".into()))),
                ],
                vec![],
                None,
            ),
            OpKind::AlterEnum {
                name: obj("st"),
                change: crate::op::EnumChange::RenameValue { from: "archived".into(), to: "closed".into() },
            },
            OpKind::AlterEnum { name: obj("st"), change: crate::op::EnumChange::Rename { new_name: pg("st_v2") } },
        ]);
        let t = table(&s, "p");
        assert_eq!(default_of(t, "s").as_deref(), Some("'closed'::st_v2"));
        assert_eq!(default_of(t, "s2").as_deref(), Some("'active'::st_v2"));
        assert_eq!(default_of(t, "s3").as_deref(), Some("'{closed,active}'::st_v2[]"));
    }

    #[test]
    fn include_columns_are_part_of_a_generated_index_name() {
        let s = replay(vec![
            create("t", vec![column("a", "text", None), column("b", "int", None)], vec![], None),
            index("t", &["a"], &["b"]),
        ]);
        assert_eq!(index_names(table(&s, "t")), ["t_a_b_idx"]);
    }

    #[test]
    fn partitions_get_the_columns_keys_indexes_and_foreign_keys_of_their_table() {
        let pk = ConstraintKind::PrimaryKey { columns: vec![pg("id"), pg("at")], using_index: None };
        let fk = ConstraintKind::ForeignKey(ForeignKeyDef {
            columns: vec![pg("tenant_id")],
            references: obj("tenants"),
            referenced_columns: vec![],
            on_delete: None,
            on_update: None,
            deferrable: false,
        });
        let s = replay(vec![
            create(
                "tenants",
                vec![column("id", "bigint", None)],
                vec![constraint(None, ConstraintKind::PrimaryKey { columns: vec![pg("id")], using_index: None })],
                None,
            ),
            create(
                "ev",
                vec![
                    column("id", "bigint", None),
                    column("tenant_id", "bigint", None),
                    column("at", "timestamptz", None),
                ],
                vec![constraint(None, pk), constraint(None, fk)],
                None,
            ),
            create("ev_2024", vec![], vec![], Some("ev")),
            index("ev", &["tenant_id"], &[]),
            create("ev_2025", vec![], vec![], Some("ev")),
            OpKind::AddColumn { table: obj("ev"), column: column("kind", "text", None), if_not_exists: false },
            OpKind::SetDefault { table: obj("ev"), column: pg("kind"), default: Expr::String("x".into()) },
        ]);
        for name in ["ev_2024", "ev_2025"] {
            let t = table(&s, name);
            assert_eq!(t.primary_key.as_ref().map(|pk| pk.name.to_string()), Some(format!("{name}_pkey")));
            assert_eq!(index_names(t), [format!("{name}_tenant_id_idx")]);
            assert_eq!(t.foreign_keys.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["ev_tenant_id_fkey"]);
            assert_eq!(default_of(t, "kind").as_deref(), Some("'x'::text"));
        }

        let s = replay(vec![
            create("ev", vec![column("id", "bigint", None), column("code", "text", None)], vec![], None),
            create("ev_2024", vec![], vec![], Some("ev")),
            index("ev", &["code"], &[]),
            OpKind::AddConstraint {
                table: obj("ev"),
                constraint: constraint(
                    None,
                    ConstraintKind::Unique { columns: vec![pg("id")], using_index: None, nulls_not_distinct: false },
                ),
            },
            OpKind::DropIndex {
                name: obj("ev_code_idx"),
                table: None,
                if_exists: false,
                concurrently: false,
                cascade: false,
            },
            OpKind::DropConstraint { table: obj("ev"), name: pg("ev_id_key"), if_exists: false, cascade: false },
            OpKind::DropColumn { table: obj("ev"), column: pg("code"), if_exists: false, cascade: false },
        ]);
        let t = table(&s, "ev_2024");
        assert!(t.indexes.is_empty() && t.uniques.is_empty(), "{t:?}");
        assert_eq!(t.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["id"]);
    }

    // Read from PostgreSQL 15: after `ALTER TABLE users RENAME COLUMN email TO login_email`,
    // `pg_get_indexdef` shows the expression index `lower(email)` as `lower(login_email)`.
    #[test]
    fn renamed_columns_are_renamed_inside_expressions() {
        let r = |sql| rename_in_sql(sql, &pg("email"), &pg("login_email"), Dialect::Postgres);
        assert_eq!(r("lower(email)"), "lower(login_email)");
        assert_eq!(
            r("(email <> 'email') AND u.email IS NOT NULL"),
            "(login_email <> 'email') AND u.login_email IS NOT NULL"
        );
        assert_eq!(r("\"email\" || emails"), "login_email || emails");
        let lower = rename_in_sql("lower(lower)", &pg("lower"), &pg("x"), Dialect::Postgres);
        assert_eq!(lower, "lower(x)");
        let quoted = rename_in_sql(
            "lower(email)",
            &pg("email"),
            &Ident::new("Email", true, Dialect::Postgres),
            Dialect::Postgres,
        );
        assert_eq!(quoted, "lower(\"Email\")");
    }

    #[test]
    fn move_column_places_first_and_after() {
        let names = |s: &Schema| table(s, "t").columns.iter().map(|c| c.name.to_string()).collect::<Vec<_>>();
        let base = || {
            vec![
                create("t", vec![column("id", "integer", None), column("b", "integer", None)], vec![], None),
                OpKind::AddColumn { table: obj("t"), column: column("a", "integer", None), if_not_exists: false },
                OpKind::MoveColumn { table: obj("t"), column: pg("a"), position: ColumnPosition::After(pg("id")) },
                OpKind::AddColumn { table: obj("t"), column: column("z", "integer", None), if_not_exists: false },
                OpKind::MoveColumn { table: obj("t"), column: pg("z"), position: ColumnPosition::First },
            ]
        };
        assert_eq!(names(&replay(base())), ["z", "id", "a", "b"]);
        let mut ops = base();
        ops.push(OpKind::MoveColumn { table: obj("t"), column: pg("z"), position: ColumnPosition::After(pg("b")) });
        assert_eq!(names(&replay(ops)), ["id", "a", "b", "z"]);
        // After a column that does not exist: reported, and nothing moves.
        let mut ops = base();
        ops.push(OpKind::MoveColumn { table: obj("t"), column: pg("z"), position: ColumnPosition::After(pg("nope")) });
        let mut r = Replayer::new(Dialect::Postgres);
        let mut events = Vec::new();
        for kind in ops {
            r.apply(&Op::new(kind, span()), &mut events);
        }
        assert!(events.iter().any(|e| matches!(e, ReplayEvent::Missing { .. })), "{events:?}");
        assert_eq!(names(&r.into_schema()), ["z", "id", "a", "b"]);
    }

    #[test]
    fn system_catalogs_always_exist() {
        let name = |schema: Option<&str>, name: &str, d: Dialect| ObjectName {
            schema: schema.map(|s| Ident::new(s, false, d)),
            name: Ident::new(name, false, d),
        };
        let update = |table: ObjectName| OpKind::DataChange {
            kind: DataChangeKind::Update,
            table: Some(table),
            from: Vec::new(),
        };
        let pg = Dialect::Postgres;
        let caught = problems(
            pg,
            vec![
                update(name(None, "pg_index", pg)),
                update(name(Some("pg_catalog"), "pg_class", pg)),
                update(name(Some("information_schema"), "columns", pg)),
                OpKind::Maintenance {
                    kind: MaintenanceKind::Lock,
                    table: Some(name(Some("PG_CATALOG"), "pg_class", pg)),
                },
                // Only unqualified names find the catalog first; a table the history never
                // created is missing in `public`.
                update(name(Some("public"), "pg_index", pg)),
                update(name(None, "orders", pg)),
            ],
        );
        let missing: Vec<String> = caught
            .iter()
            .filter_map(|e| match e {
                ReplayEvent::Missing { key, .. } => Some(key.display(pg)),
                _ => None,
            })
            .collect();
        assert_eq!(missing, ["pg_index", "orders"], "{caught:?}");
        let sqlite = Dialect::Sqlite;
        assert!(problems(sqlite, vec![update(name(None, "sqlite_sequence", sqlite))]).is_empty());
        let mysql = Dialect::MySql;
        assert!(problems(mysql, vec![update(name(Some("mysql"), "user", mysql))]).is_empty());
        assert_eq!(problems(mysql, vec![update(name(None, "pg_index", mysql))]).len(), 1);
    }

    fn missing_keys(events: &[ReplayEvent]) -> Vec<String> {
        events
            .iter()
            .filter_map(|e| match e {
                ReplayEvent::Missing { key, .. } => Some(key.to_string()),
                _ => None,
            })
            .collect()
    }

    // pg_dump writes identity columns this way; checked on PostgreSQL 15, which requires the
    // column to be NOT NULL first and names the sequence as the statement says.
    #[test]
    fn identity_added_set_and_dropped_by_alter_column() {
        let mut id = column("id", "bigint", None);
        id.nullable = Some(false);
        let alter = |change| OpKind::AlterIdentity { table: obj("t"), column: pg("id"), change };
        let seq = || obj("public.t_id_seq");
        let mut ops = vec![
            create("t", vec![id, column("n", "integer", None)], vec![], None),
            alter(IdentityChange::Add { always: true, sequence: Some(seq()) }),
            OpKind::AlterIdentity {
                table: obj("t"),
                column: pg("n"),
                change: IdentityChange::Add { always: false, sequence: None },
            },
        ];
        let s = replay(ops.clone());
        let t = table(&s, "t");
        assert_eq!(t.column(&pg("id")).unwrap().generated, Some(Generated::Identity { always: true }));
        assert_eq!(t.column(&pg("n")).unwrap().generated, Some(Generated::Identity { always: false }));
        assert!(!t.column(&pg("n")).unwrap().nullable);
        let owned =
            |s: &Schema, name: &str| s.sequences.get(&obj(name).resolve(Dialect::Postgres)).map(|q| q.owned_by.clone());
        assert_eq!(owned(&s, "t_id_seq"), Some(Some((obj("t").resolve(Dialect::Postgres), pg("id")))));
        assert!(owned(&s, "t_n_seq").is_some());

        ops.push(alter(IdentityChange::Set { always: Some(false) }));
        let s = replay(ops.clone());
        assert_eq!(table(&s, "t").column(&pg("id")).unwrap().generated, Some(Generated::Identity { always: false }));

        ops.push(alter(IdentityChange::Drop { if_exists: false }));
        let s = replay(ops.clone());
        let id = table(&s, "t").column(&pg("id")).unwrap();
        assert_eq!((id.generated.clone(), id.nullable), (None, false));
        assert!(owned(&s, "t_id_seq").is_none());
        assert!(owned(&s, "t_n_seq").is_some());
    }

    // Checked on PostgreSQL 15: an index created ON ONLY the partitioned table is not built
    // on its partitions; partitions created or attached later get their own copy.
    #[test]
    fn an_index_on_only_the_parent_skips_existing_partitions() {
        let only = |name: &str| {
            let OpKind::CreateIndex(mut ci) = index("p", &["id"], &[]) else { unreachable!() };
            ci.name = Some(pg(name));
            ci.only = true;
            OpKind::CreateIndex(ci)
        };
        let unique =
            ConstraintKind::Unique { columns: vec![pg("id"), pg("k")], using_index: None, nulls_not_distinct: false };
        let s = replay(vec![
            create("p", vec![column("id", "integer", None), column("k", "integer", None)], vec![], None),
            create("p1", vec![], vec![], Some("p")),
            only("p_id_idx"),
            // Adding a key to the table brings the key to the partitions, not the index.
            OpKind::AddConstraint { table: obj("p"), constraint: constraint(None, unique) },
            create("p2", vec![], vec![], Some("p")),
        ]);
        assert_eq!(index_names(table(&s, "p")), ["p_id_idx"]);
        assert!(index_names(table(&s, "p1")).is_empty());
        assert_eq!(index_names(table(&s, "p2")), ["p2_id_idx"]);

        let events = problems(
            Dialect::Postgres,
            vec![
                create("p", vec![column("id", "integer", None), column("k", "integer", None)], vec![], None),
                create("p1", vec![], vec![], Some("p")),
                only("p_id_idx"),
                index("p1", &["id"], &[]),
                OpKind::AttachIndex { parent: obj("p_id_idx"), index: obj("p1_id_idx") },
                OpKind::AttachIndex { parent: obj("p_id_idx"), index: obj("nope") },
            ],
        );
        assert_eq!(missing_keys(&events), ["index nope"]);
    }

    // PostgreSQL 15 sets both flags from what ALTER CONSTRAINT says.
    #[test]
    fn alter_constraint_changes_a_foreign_key_deferrable() {
        let fk = ConstraintKind::ForeignKey(ForeignKeyDef {
            columns: vec![pg("aid")],
            references: obj("a"),
            referenced_columns: vec![],
            on_delete: None,
            on_update: None,
            deferrable: false,
        });
        let alter = |name: &str, deferrable| OpKind::AlterConstraint { table: obj("b"), name: pg(name), deferrable };
        let base = vec![
            create(
                "a",
                vec![column("id", "integer", None)],
                vec![constraint(None, ConstraintKind::PrimaryKey { columns: vec![pg("id")], using_index: None })],
                None,
            ),
            create("b", vec![column("aid", "integer", None)], vec![constraint(None, fk)], None),
        ];
        let deferrable = |ops: Vec<OpKind>| table(&replay(ops), "b").foreign_keys[0].deferrable;
        assert!(deferrable([base.clone(), vec![alter("b_aid_fkey", Some(true))]].concat()));
        assert!(deferrable([base.clone(), vec![alter("b_aid_fkey", Some(true)), alter("b_aid_fkey", None)]].concat()));
        assert!(!deferrable(
            [base.clone(), vec![alter("b_aid_fkey", Some(true)), alter("b_aid_fkey", Some(false))]].concat()
        ));
        let events = problems(Dialect::Postgres, [base, vec![alter("nope", Some(true))]].concat());
        assert_eq!(missing_keys(&events), ["constraint b.nope"]);
    }

    #[test]
    fn set_schema_moves_a_type_and_its_columns() {
        let s = replay(vec![
            OpKind::CreateSchema { name: pg("app"), if_not_exists: false },
            OpKind::CreateEnum { name: obj("mood"), values: vec!["a".into()] },
            create(
                "m",
                vec![
                    column(
                        "v",
                        "mood",
                        Some(Expr::Cast {
                            expr: Box::new(Expr::String("a".into())),
                            ty: SqlType::parse("mood", Dialect::Postgres),
                        }),
                    ),
                    column("w", "mood[]", None),
                ],
                vec![],
                None,
            ),
            OpKind::SetTypeSchema { name: obj("mood"), schema: pg("app") },
        ]);
        assert!(s.enums.contains_key(&obj("app.mood").resolve(Dialect::Postgres)));
        let m = table(&s, "m");
        assert_eq!(m.column(&pg("v")).unwrap().ty.canonical, "app.mood");
        assert_eq!(m.column(&pg("w")).unwrap().ty.canonical, "app.mood[]");
        assert_eq!(default_of(m, "v").as_deref(), Some("'a'::app.mood"));
        let events = problems(Dialect::Postgres, vec![OpKind::SetTypeSchema { name: obj("mood"), schema: pg("app") }]);
        assert_eq!(missing_keys(&events), ["type mood"]);
    }

    #[test]
    fn renamed_functions_are_dropped_by_their_new_name() {
        let events = problems(
            Dialect::Postgres,
            vec![
                OpKind::CreateSchema { name: pg("r"), if_not_exists: false },
                OpKind::CreateFunction { name: obj("user_delete") },
                OpKind::RenameFunction { name: obj("user_delete"), new_name: obj("person_delete") },
                OpKind::DropFunction { name: obj("person_delete"), if_exists: false },
                OpKind::CreateFunction { name: obj("f") },
                OpKind::RenameFunction { name: obj("f"), new_name: obj("r.f") },
                OpKind::DropFunction { name: obj("r.f"), if_exists: false },
                OpKind::RenameFunction { name: obj("user_delete"), new_name: obj("x") },
            ],
        );
        assert_eq!(missing_keys(&events), ["function user_delete"]);
    }

    #[test]
    fn renamed_triggers_are_dropped_by_their_new_name() {
        let trigger = |name: &str| OpKind::CreateTrigger { name: pg(name), table: obj("person") };
        let rename =
            |from: &str, to: &str| OpKind::RenameTrigger { name: pg(from), table: obj("person"), new_name: pg(to) };
        let drop = |name: &str| OpKind::DropTrigger { name: pg(name), table: Some(obj("person")), if_exists: false };
        let events = problems(
            Dialect::Postgres,
            vec![
                create("person", vec![column("id", "integer", None)], vec![], None),
                trigger("user_delete"),
                trigger("other"),
                rename("user_delete", "person_delete"),
                drop("person_delete"),
                rename("nope", "x"),
                rename("other", "other"),
            ],
        );
        let duplicates = events.iter().filter(|e| matches!(e, ReplayEvent::Duplicate { .. })).count();
        assert_eq!((missing_keys(&events), duplicates), (vec!["trigger person.nope".to_owned()], 1));
    }

    #[test]
    fn a_table_made_from_select_star_learns_the_columns_statements_name() {
        let mut ctas = create("user_fast", vec![], vec![], None);
        if let OpKind::CreateTable(ct) = &mut ctas {
            ct.as_select = true;
        }
        let ops = vec![
            ctas,
            OpKind::AddConstraint {
                table: obj("user_fast"),
                constraint: constraint(None, ConstraintKind::PrimaryKey { columns: vec![pg("id")], using_index: None }),
            },
            OpKind::DropColumn { table: obj("user_fast"), column: pg("legacy"), if_exists: false, cascade: false },
        ];
        let mut r = Replayer::new(Dialect::Postgres);
        let mut events = Vec::new();
        for kind in ops {
            r.apply(&Op::new(kind, span()), &mut events);
        }
        assert!(!events.iter().any(|e| matches!(e, ReplayEvent::Missing { .. })), "{events:?}");
        let s = r.into_schema();
        let t = table(&s, "user_fast");
        assert_eq!(t.columns.iter().map(|c| c.name.to_string()).collect::<Vec<_>>(), ["id"]);
        assert!(t.columns[0].ty.family.is_unknown());
        assert!(t.primary_key.is_some());

        // A table whose columns are known still reports a column it lacks.
        let mut r = Replayer::new(Dialect::Postgres);
        let mut events = Vec::new();
        for kind in [
            create("users", vec![column("id", "bigint", None)], vec![], None),
            OpKind::DropColumn { table: obj("users"), column: pg("legacy"), if_exists: false, cascade: false },
        ] {
            r.apply(&Op::new(kind, span()), &mut events);
        }
        assert!(events.iter().any(|e| matches!(e, ReplayEvent::Missing { .. })), "{events:?}");
    }

    #[test]
    fn dropping_a_relation_drops_the_views_that_read_it() {
        let view = |name: &str, on: &[&str]| OpKind::CreateView {
            name: obj(name),
            or_replace: false,
            materialized: false,
            if_not_exists: false,
            depends_on: on.iter().map(|n| obj(n)).collect(),
        };
        let run = |ops: Vec<OpKind>| {
            let mut r = Replayer::new(Dialect::Postgres);
            let mut events = Vec::new();
            for kind in ops {
                r.apply(&Op::new(kind, span()), &mut events);
            }
            (r.into_schema(), events)
        };
        let base = || {
            vec![
                create("users", vec![column("id", "bigint", None)], vec![], None),
                create("posts", vec![column("id", "bigint", None)], vec![], None),
                view("user_view", &["users"]),
                view("user_mview", &["user_view"]),
                view("post_view", &["posts"]),
            ]
        };
        let names = |s: &Schema| s.views.keys().map(|v| v.name.to_string()).collect::<Vec<_>>();

        // DROP VIEW user_view CASCADE, then the views are created again: no duplicate.
        let mut ops = base();
        ops.push(OpKind::DropView { name: obj("user_view"), if_exists: false, materialized: false, cascade: true });
        let (s, _) = run(ops.clone());
        assert_eq!(names(&s), ["post_view"]);
        ops.push(view("user_view", &["users"]));
        ops.push(view("user_mview", &["user_view"]));
        let (_, events) = run(ops);
        assert!(!events.iter().any(|e| matches!(e, ReplayEvent::Duplicate { .. })), "{events:?}");

        // Dropping a table drops the views over it, through a view over a view.
        let mut ops = base();
        ops.push(OpKind::DropTable { name: obj("users"), if_exists: false, cascade: true });
        assert_eq!(names(&run(ops).0), ["post_view"]);

        // A renamed view keeps the views over it; ALTER TABLE may rename a view too.
        let mut ops = base();
        ops.push(OpKind::RenameView { name: obj("user_view"), new_name: obj("member_view") });
        ops.push(OpKind::RenameTable { table: obj("user_mview"), new_name: pg("member_mview") });
        ops.push(OpKind::DropView { name: obj("member_view"), if_exists: false, materialized: false, cascade: true });
        let (s, events) = run(ops);
        assert!(!events.iter().any(|e| matches!(e, ReplayEvent::Missing { .. })), "{events:?}");
        assert_eq!(names(&s), ["post_view"]);

        // A renamed table keeps its views, which then go with it under its new name.
        let mut ops = base();
        ops.push(OpKind::RenameTable { table: obj("users"), new_name: pg("accounts") });
        ops.push(OpKind::DropTable { name: obj("accounts"), if_exists: false, cascade: true });
        assert_eq!(names(&run(ops).0), ["post_view"]);
    }
}
