//! SQLAlchemy schema constructs inside `op.create_table` and `op.add_column`: `sa.Column`
//! and the table-level constraints and indexes, read the way SQLAlchemy turns them into DDL:
//!
//! ```text
//! op.create_table(
//!     "orders",
//!     sa.Column("id", sa.Integer, primary_key=True),          -> id SERIAL, PRIMARY KEY (id)
//!     sa.Column("customer_id", sa.Integer,
//!               sa.ForeignKey("customers.id", ondelete="CASCADE"),
//!               nullable=False, index=True),                 -> FOREIGN KEY ...; CREATE INDEX
//!     sa.UniqueConstraint("customer_id", "number"),          -> UNIQUE (customer_id, number)
//! )
//! ```
//!
//! What SQLAlchemy does beyond the column list is mirrored too: a lone integer primary key
//! becomes `SERIAL` (its autoincrement column), a native enum type is created before the
//! table, `index=True` creates `ix_<table>_<column>`, a column comment becomes
//! `COMMENT ON COLUMN`, and a `use_alter=True` foreign key is left out, as Alembic's
//! `create_table` leaves it out (except on SQLite, where SQLAlchemy writes it inline).

use sg_grammars::tree_sitter::Node;
use sg_model::op::{
    ColumnDef, CommentTarget, Constraint, ConstraintKind, CreateIndex, CreateTable, ForeignKeyDef, Generated, IndexKey,
};
use sg_model::{Dialect, Ident, ObjectName, OpKind, Span};

use crate::body::Walker;
use crate::py::{Args, Value, dotted, last_part, unparen};
use crate::types::{EnumSpec, SaType, sa_type};

/// One `sa.Column(...)` as read.
struct ColumnSpec {
    def: ColumnDef,
    ty: SaType,
    primary_key: bool,
    /// `autoincrement=`: `Some(true)`, `Some(false)`, or `None` for "auto".
    autoincrement: Option<bool>,
    /// A server default, identity or computed expression, or a Python-side default: each
    /// stops SQLAlchemy from choosing the column as the autoincrement column.
    has_default: bool,
    has_fk: bool,
    index: bool,
    unique: bool,
    comment: Option<String>,
    span: Span,
}

/// Items of `op.create_table` after the name.
enum TableItem {
    Column(Box<ColumnSpec>),
    Constraint(Constraint),
    Index(CreateIndex, Span),
}

impl<'t> Walker<'_, '_, 't> {
    pub(crate) fn create_table(&mut self, args: &crate::py::Args<'t>, span: Span) -> Result<(), String> {
        let first = args
            .keyword("table_name")
            .or(args.positional.first().copied())
            .ok_or_else(|| "no table name was given".to_owned())?;
        let name = self.name(first, "table name")?;
        let schema = self.opt_name(args.keyword("schema"), "schema")?;
        let table = self.object(schema.as_deref(), &name);
        let mut items = Vec::new();
        for node in args.positional.iter().skip(usize::from(args.keyword("table_name").is_none())) {
            match self.table_item(&table, *node) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => {}
                Err(reason) => {
                    // A column whose definition cannot be read would make every later finding
                    // about the table unreliable; keep the whole call opaque.
                    return Err(reason);
                }
            }
        }

        let mut columns: Vec<ColumnSpec> = Vec::new();
        let mut constraints = Vec::new();
        let mut indexes = Vec::new();
        for item in items {
            match item {
                TableItem::Column(c) => columns.push(*c),
                TableItem::Constraint(c) => constraints.push(c),
                TableItem::Index(i, s) => indexes.push((i, s)),
            }
        }

        // The primary key: columns flagged `primary_key=True`, or a PrimaryKeyConstraint.
        let pk_constraint = constraints.iter().find_map(|c: &Constraint| match &c.kind {
            ConstraintKind::PrimaryKey { columns, .. } => Some(columns.clone()),
            _ => None,
        });
        let flagged: Vec<Ident> = columns.iter().filter(|c| c.primary_key).map(|c| c.def.name.clone()).collect();
        let pk_columns = pk_constraint.clone().unwrap_or_else(|| flagged.clone());
        if pk_constraint.is_none() && !flagged.is_empty() {
            constraints.insert(
                0,
                Constraint {
                    name: None,
                    kind: ConstraintKind::PrimaryKey { columns: flagged, using_index: None },
                    not_valid: false,
                    span: columns.iter().find(|c| c.primary_key).map_or(span, |c| c.span),
                },
            );
        }
        if let [only] = pk_columns.as_slice()
            && let Some(col) = columns.iter_mut().find(|c| &c.def.name == only)
        {
            self.apply_autoincrement(col);
        }

        let mut ops = Vec::new();
        // Native enums are created before the table, once per name: SQLAlchemy's DDL runner
        // (Alembic's migration context) remembers the types it created during the run, so a
        // second table of the same function with the same enum does not create it again.
        let mut enums: Vec<(EnumSpec, Span)> = Vec::new();
        for c in &columns {
            if let Some(e) = &c.ty.native_enum
                && e.create
                && !self.created_enums.iter().any(|(schema, name)| *name == e.name && *schema == e.schema)
            {
                self.created_enums.push((e.schema.clone(), e.name.clone()));
                enums.push((e.clone(), c.span));
            }
        }
        for (e, at) in enums {
            ops.push((self.create_enum(&e, at), span));
        }
        let mut after = Vec::new();
        for c in &columns {
            after.extend(self.column_extras(&table, c, span));
        }
        ops.push((
            OpKind::CreateTable(CreateTable {
                name: table.clone(),
                if_not_exists: self.bool_arg(args.keyword("if_not_exists")).unwrap_or(false),
                temporary: false,
                columns: columns.into_iter().map(|c| c.def).collect(),
                constraints,
                partition_of: None,
                partitioned: false,
                like: None,
                as_select: false,
            }),
            span,
        ));
        for (mut index, _) in indexes {
            index.table = table.clone();
            index.schema = table.schema.clone();
            ops.push((OpKind::CreateIndex(index), span));
        }
        ops.extend(after.into_iter().map(|op| (op, span)));
        if let Some(c) = args.keyword("comment").and_then(|c| self.eval(c).as_str().map(str::to_owned)) {
            ops.push((OpKind::Comment { target: CommentTarget::Table(table), text: Some(c) }, span));
        }
        for (kind, at) in ops {
            self.push(kind, at);
        }
        Ok(())
    }

    pub(crate) fn add_column(&mut self, table: ObjectName, node: Node<'t>, span: Span) -> Result<(), String> {
        let mut col = self.column(&table, node)?;
        // Alembic builds a one-column table around the new column, so a primary-key integer
        // column is its autoincrement column; the primary key itself is not added.
        if col.primary_key {
            self.apply_autoincrement(&mut col);
            col.def.nullable = Some(false);
        }
        let extras = self.column_extras(&table, &col, span);
        self.push(OpKind::AddColumn { table, column: col.def, if_not_exists: false }, span);
        for op in extras {
            self.push(op, span);
        }
        Ok(())
    }

    /// SQLAlchemy's choice of autoincrement column: an integer, alone in the primary key,
    /// with no default of any kind and no foreign key (unless `autoincrement=True`).
    fn apply_autoincrement(&self, col: &mut ColumnSpec) {
        let eligible = match col.autoincrement {
            Some(false) => false,
            Some(true) => true,
            None => !col.has_default && !col.has_fk,
        };
        if !eligible || col.ty.integer.is_none() || col.def.generated.is_some() {
            return;
        }
        match self.dialect() {
            Dialect::Postgres => {
                if let Some(ddl) = col.ty.serial_ddl(Dialect::Postgres) {
                    col.def.ty = sg_model::op::TypeRef::parse(&ddl, Dialect::Postgres);
                }
            }
            Dialect::MySql => col.def.auto_increment = true,
            Dialect::Sqlite => {}
        }
    }

    /// What a column brings besides itself: `index=True` and `comment=`.
    fn column_extras(&self, table: &ObjectName, c: &ColumnSpec, _span: Span) -> Vec<OpKind> {
        let mut out = Vec::new();
        if c.index {
            let name = format!("ix_{}_{}", table.name.as_str(), c.def.name.as_str());
            out.push(OpKind::CreateIndex(CreateIndex {
                name: Some(self.ident(&name)),
                schema: table.schema.clone(),
                table: table.clone(),
                keys: vec![IndexKey::Column(c.def.name.clone())],
                unique: c.unique,
                concurrently: false,
                if_not_exists: false,
                method: None,
                predicate: None,
                include: Vec::new(),
                only: false,
            }));
        }
        if let Some(text) = &c.comment {
            out.push(OpKind::Comment {
                target: CommentTarget::Column(table.clone(), c.def.name.clone()),
                text: Some(text.clone()),
            });
        }
        out
    }

    fn create_enum(&self, e: &EnumSpec, _at: Span) -> OpKind {
        OpKind::CreateEnum {
            name: self.object(e.schema.as_deref(), &e.name),
            values: e.values.clone().unwrap_or_default(),
        }
    }

    fn callee_name(&self, node: Node<'t>) -> Option<String> {
        let node = unparen(node);
        if node.kind() != "call" {
            return None;
        }
        dotted(self.src(), node.child_by_field_name("function")?)
    }

    fn table_item(&mut self, table: &ObjectName, node: Node<'t>) -> Result<Option<TableItem>, String> {
        let node = match self.eval(node) {
            Value::Node(n) => n,
            Value::Dynamic(reason) => return Err(reason),
            _ => return Err(format!("`{}` is not a column or constraint", self.src().text_of(node))),
        };
        let span = self.src().span(node);
        let Some(callee) = self.callee_name(node) else {
            return Err(format!("`{}` is built at run time", first_line(self.src().text_of(node))));
        };
        let args = Args::of_call(self.src(), node);
        if args.unpacked {
            return Err(format!("`{callee}(...)` with arguments unpacked at run time"));
        }
        let name_kw = |w: &Self| w.opt_name(args.keyword("name"), "constraint name").map(|n| n.map(|n| w.ident(&n)));
        let cols = |w: &Self, nodes: &[Node<'t>]| -> Result<Vec<Ident>, String> {
            nodes.iter().map(|n| w.name(*n, "column name").map(|c| w.ident(&c))).collect()
        };
        let kind = match last_part(&callee) {
            "Column" => return Ok(Some(TableItem::Column(Box::new(self.column(table, node)?)))),
            "PrimaryKeyConstraint" => {
                ConstraintKind::PrimaryKey { columns: cols(self, &args.positional)?, using_index: None }
            }
            "UniqueConstraint" => ConstraintKind::Unique {
                columns: cols(self, &args.positional)?,
                using_index: None,
                nulls_not_distinct: self.bool_arg(args.keyword("postgresql_nulls_not_distinct")).unwrap_or(false),
            },
            "CheckConstraint" => {
                let cond = args
                    .keyword("sqltext")
                    .or(args.positional.first().copied())
                    .ok_or_else(|| "a check constraint without a condition".to_owned())?;
                self.check_kind(cond)?
            }
            "ForeignKeyConstraint" => {
                if self.bool_arg(args.keyword("use_alter")) == Some(true) && self.dialect() != Dialect::Sqlite {
                    // Alembic's create_table leaves use_alter foreign keys out of the DDL
                    // and never adds them afterwards; SQLite, which has no ALTER TABLE ADD
                    // CONSTRAINT, gets them inline.
                    return Ok(None);
                }
                let b = args.bind(&["columns", "refcolumns"]);
                let local = b.get("columns").copied().ok_or_else(|| "a foreign key without columns".to_owned())?;
                let remote = b
                    .get("refcolumns")
                    .copied()
                    .ok_or_else(|| "a foreign key without referenced columns".to_owned())?;
                let local = self.names(local, "foreign key columns")?;
                let remote = self.names(remote, "referenced columns")?;
                let mut references = None;
                let mut referenced = Vec::new();
                for r in &remote {
                    let (t, c) = split_target(r).ok_or_else(|| format!("`{r}` does not name `table.column`"))?;
                    references.get_or_insert(t);
                    referenced.push(self.ident(&c));
                }
                let (schema, tname) =
                    references.ok_or_else(|| "a foreign key without referenced columns".to_owned())?;
                ConstraintKind::ForeignKey(ForeignKeyDef {
                    columns: local.iter().map(|c| self.ident(c)).collect(),
                    references: self.object(schema.as_deref(), &tname),
                    referenced_columns: referenced,
                    on_delete: self.ref_action(args.keyword("ondelete")),
                    on_update: self.ref_action(args.keyword("onupdate")),
                    deferrable: self.bool_arg(args.keyword("deferrable")).unwrap_or(false),
                })
            }
            "Index" => {
                let name = self.opt_name(args.positional.first().copied(), "index name")?.map(|n| self.ident(&n));
                let keys = args.positional.iter().skip(1).map(|k| self.index_key(*k)).collect::<Result<Vec<_>, _>>()?;
                let ci = CreateIndex {
                    name,
                    schema: None,
                    table: table.clone(),
                    keys,
                    unique: self.bool_arg(args.keyword("unique")).unwrap_or(false),
                    concurrently: false,
                    if_not_exists: false,
                    method: args
                        .keyword("postgresql_using")
                        .and_then(|u| self.eval(u).as_str().map(str::to_ascii_lowercase)),
                    predicate: self.predicate(args.keyword("postgresql_where").or(args.keyword("sqlite_where"))),
                    include: Vec::new(),
                    only: false,
                };
                return Ok(Some(TableItem::Index(ci, span)));
            }
            other => return Err(format!("`{other}(...)` is not a column or constraint schemagraph knows")),
        };
        Ok(Some(TableItem::Constraint(Constraint { name: name_kw(self)?, kind, not_valid: false, span })))
    }

    fn column(&mut self, table: &ObjectName, node: Node<'t>) -> Result<ColumnSpec, String> {
        let node = match self.eval(node) {
            Value::Node(n) => n,
            Value::Dynamic(reason) => return Err(reason),
            _ => return Err(format!("`{}` is not a column", self.src().text_of(node))),
        };
        let span = self.src().span(node);
        match self.callee_name(node).as_deref().map(last_part) {
            Some("Column") => {}
            _ => return Err(format!("`{}` is not a `sa.Column(...)`", first_line(self.src().text_of(node)))),
        }
        let args = Args::of_call(self.src(), node);
        if args.unpacked {
            return Err("`sa.Column(...)` with arguments unpacked at run time".to_owned());
        }
        let mut positional = args.positional.iter().copied().peekable();
        // The name comes first, unless given as `name=`.
        let name = match args.keyword("name") {
            Some(n) => self.name(n, "column name")?,
            None => {
                let first = positional.next().ok_or_else(|| "a column without a name".to_owned())?;
                self.name(first, "column name")?
            }
        };
        let mut ty_node = args.keyword("type_");
        let mut schema_items = Vec::new();
        for p in positional {
            let is_item = self.callee_name(p).is_some_and(|c| {
                matches!(
                    last_part(&c),
                    "ForeignKey"
                        | "Identity"
                        | "Computed"
                        | "Sequence"
                        | "CheckConstraint"
                        | "DefaultClause"
                        | "FetchedValue"
                )
            });
            if is_item || ty_node.is_some() {
                schema_items.push(p);
            } else {
                ty_node = Some(p);
            }
        }
        let ty = match ty_node {
            Some(t) => sa_type(self.src(), t, self.dialect(), self.m.custom_types, &|n| self.eval(n)),
            // A column without a type takes its foreign key target's type; that type is in
            // another table, which the replay knows but this reading does not.
            None => {
                return Err(format!("the column `{name}` has no type here (SQLAlchemy takes it from its foreign key)"));
            }
        };
        if let Some(reason) = &ty.unknown {
            self.note(ty_node.map_or(span, |t| self.src().span(t)), reason.clone());
        }
        let primary_key = self.bool_arg(args.keyword("primary_key")).unwrap_or(false);
        let mut def = ColumnDef {
            name: self.ident(&name),
            ty: self.type_ref(&ty),
            nullable: match self.bool_arg(args.keyword("nullable")) {
                Some(n) => Some(n),
                None if primary_key => Some(false),
                None => None,
            },
            default: None,
            generated: None,
            constraints: Vec::new(),
            auto_increment: false,
            comment: None,
            span,
        };
        let mut has_default = args.keyword("default").is_some_and(|d| !matches!(self.eval(d), Value::None));
        let mut has_fk = false;
        if let Some(d) = args.keyword("server_default") {
            match self.server_default(d) {
                Ok(Some(e)) => {
                    def.default = Some(e);
                    has_default = true;
                }
                Ok(None) => {}
                Err(reason) => {
                    has_default = true;
                    self.note(self.src().span(d), reason);
                }
            }
        }
        for item in schema_items {
            let item_span = self.src().span(item);
            let callee = self.callee_name(item).unwrap_or_default();
            let item_args = Args::of_call(self.src(), item);
            match last_part(&callee) {
                "ForeignKey" => {
                    has_fk = true;
                    let Some(target) = item_args.keyword("column").or(item_args.positional.first().copied()) else {
                        continue;
                    };
                    let target = match self.eval(target) {
                        Value::Str(s) => s.value,
                        _ => {
                            self.note(
                                item_span,
                                format!("the foreign key target `{}` is not a string", self.src().text_of(target)),
                            );
                            continue;
                        }
                    };
                    let Some(((schema, t), c)) = split_target(&target) else {
                        self.note(item_span, format!("`{target}` does not name `table.column`"));
                        continue;
                    };
                    if self.bool_arg(item_args.keyword("use_alter")) == Some(true) && self.dialect() != Dialect::Sqlite
                    {
                        continue;
                    }
                    let fk = ForeignKeyDef {
                        columns: Vec::new(),
                        references: self.object(schema.as_deref(), &t),
                        referenced_columns: vec![self.ident(&c)],
                        on_delete: self.ref_action(item_args.keyword("ondelete")),
                        on_update: self.ref_action(item_args.keyword("onupdate")),
                        deferrable: self.bool_arg(item_args.keyword("deferrable")).unwrap_or(false),
                    };
                    let fk_name = self.opt_name(item_args.keyword("name"), "constraint name")?.map(|n| self.ident(&n));
                    def.constraints.push(Constraint {
                        name: fk_name,
                        kind: ConstraintKind::ForeignKey(fk),
                        not_valid: false,
                        span: item_span,
                    });
                }
                "Identity" => {
                    has_default = true;
                    let always = self.bool_arg(item_args.keyword("always")).unwrap_or(false);
                    def.generated = Some(Generated::Identity { always });
                }
                "Computed" => {
                    has_default = true;
                    let Some(e) = item_args.keyword("sqltext").or(item_args.positional.first().copied()) else {
                        continue;
                    };
                    match self.eval(e) {
                        Value::Str(s) => {
                            let expr = sg_extract_sql::parse_expression(&s.value, self.dialect())
                                .map_or(sg_model::Expr::Raw(s.value), |x| x.expr);
                            def.generated = Some(Generated::Expression { expr, stored: true });
                        }
                        _ => self.note(item_span, "a computed column whose expression is built at run time".to_owned()),
                    }
                }
                "CheckConstraint" => {
                    let Some(cond) = item_args.positional.first().copied() else { continue };
                    let kind = self.check_kind(cond)?;
                    let name = self.opt_name(item_args.keyword("name"), "constraint name")?.map(|n| self.ident(&n));
                    def.constraints.push(Constraint { name, kind, not_valid: false, span: item_span });
                }
                "Sequence" => {
                    // A sequence default is set by the application on insert unless
                    // `optional=True`; no DDL changes the column.
                    has_default = true;
                }
                _ => {}
            }
        }
        let index = self.bool_arg(args.keyword("index")).unwrap_or(false);
        let unique = self.bool_arg(args.keyword("unique")).unwrap_or(false);
        if unique && !index {
            // `unique=True` alone is a UNIQUE constraint; with `index=True` SQLAlchemy
            // creates a unique index instead.
            def.constraints.push(Constraint {
                name: None,
                kind: ConstraintKind::Unique { columns: Vec::new(), using_index: None, nulls_not_distinct: false },
                not_valid: false,
                span,
            });
        }
        let comment = args.keyword("comment").and_then(|c| self.eval(c).as_str().map(str::to_owned));
        let autoincrement = match args.keyword("autoincrement").map(|a| self.eval(a)) {
            Some(Value::Bool(b)) => Some(b),
            _ => None,
        };
        let _ = table;
        Ok(ColumnSpec { def, ty, primary_key, autoincrement, has_default, has_fk, index, unique, comment, span })
    }
}

/// `"customers.id"` -> ((None, "customers"), "id"); `"billing.customers.id"` has a schema.
fn split_target(target: &str) -> Option<((Option<String>, String), String)> {
    let (table, column) = target.rsplit_once('.')?;
    let (schema, table) = match table.rsplit_once('.') {
        Some((s, t)) => (Some(s.to_owned()), t.to_owned()),
        None => (None, table.to_owned()),
    };
    Some(((schema, table), column.to_owned()))
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.len() < text.trim().len() { format!("{line} ...") } else { line.to_owned() }
}
