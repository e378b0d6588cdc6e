//! GORM models: structs with `gorm:"..."` tags become the tables GORM's migrator creates
//! for them, with the names its default naming strategy gives, the column types the
//! dialect's driver writes, the associations' foreign keys and join tables, and the
//! indexes and constraints of the tags.
//!
//! ```go
//! type User struct {
//!     gorm.Model                                     // id, created_at, updated_at, deleted_at
//!     Email     string    `gorm:"uniqueIndex;size:320;not null"`
//!     Orders    []Order                              // has many: orders.user_id -> users.id
//!     Languages []Language `gorm:"many2many:user_languages"`
//! }
//! db.AutoMigrate(&User{}, &Order{})                 // creates languages, users, orders, user_languages
//! ```
//!
//! The files are read, never compiled: a field whose type comes from a package outside the
//! analyzed files, and that GORM's drivers do not map by name, is reported and left out.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sg_grammars::tree_sitter::{Node, Tree};
use sg_grammars::{Lang, query};
use sg_model::finding::builtin::UNSUPPORTED_CONSTRUCT;
use sg_model::op::{
    ColumnDef, Constraint, ConstraintKind, CreateIndex, CreateTable, ForeignKeyDef, IndexKey, RefAction, TypeRef,
};
use sg_model::{Dialect, Expr, FileId, Finding, Ident, ObjectName, Op, OpKind, QualifiedName, Span};

use crate::go::{
    Consts, Source, StrValue, capture, decode_string, eval_str, for_each_match, package_consts, package_name, parse,
};
use crate::naming::{NamingStrategy, singular};
use crate::tags::{parse_tag_setting, struct_tag_get, truthy};
use crate::types::{ColumnType, DataType, GoKind, TypeInput, builtin, column_type, well_known, well_known_writes_null};

/// One Go file handed to the GORM extractor.
#[derive(Clone, Copy, Debug)]
pub struct GoSource<'a> {
    pub file: FileId,
    /// Whether the file belongs to the module being analyzed; other files (of modules it
    /// imports) only resolve types.
    pub in_scope: bool,
    /// Relative to the analyzed root, `/`-separated; its directory is its Go package.
    pub path: &'a str,
    pub text: &'a str,
}

/// What the GORM models of a set of files say.
#[derive(Debug, Default)]
pub struct GormExtraction {
    /// The tables `AutoMigrate` (and `Migrator().CreateTable`) create, in the order GORM
    /// creates them; empty when no file calls either.
    pub migrated: Vec<Op>,
    /// The first migrating call, where findings about the migration as a whole point.
    pub migrate_call: Option<Span>,
    /// Every model as declared state: the migrated ones when there are migrating calls,
    /// else every struct that looks like a model.
    pub declared: Vec<Op>,
    /// The declared columns GORM creates nullable but never writes NULL into: fields of a
    /// Go type that cannot hold nil (`string`, `int64`, `time.Time`) and no `not null` tag.
    pub never_null: BTreeSet<(QualifiedName, Ident)>,
    pub findings: Vec<Finding>,
}

/// Whether a file's text uses GORM: models, tags or migrating calls.
pub fn mentions_gorm(text: &str) -> bool {
    text.contains("gorm:\"") || text.contains("gorm.Model") || text.contains("AutoMigrate(")
}

/// The dialect of the GORM drivers a file imports (`gorm.io/driver/postgres`).
pub fn gorm_driver(text: &str) -> Option<Dialect> {
    if text.contains("gorm.io/driver/postgres") {
        Some(Dialect::Postgres)
    } else if text.contains("gorm.io/driver/mysql") {
        Some(Dialect::MySql)
    } else if text.contains("gorm.io/driver/sqlite") || text.contains("github.com/glebarez/sqlite") {
        Some(Dialect::Sqlite)
    } else {
        None
    }
}

struct GoFile<'s, 't> {
    src: Source<'s>,
    in_scope: bool,
    dir: String,
    package: String,
    consts: Consts<'t>,
}

type Key = (String, String);

/// A column or association field of a model, after embedding.
#[derive(Clone, Debug)]
struct Field {
    name: String,
    db_name: String,
    depth: usize,
    settings: BTreeMap<String, String>,
    /// The field's own `gorm` tag, which GORM reads again for indexes.
    raw_tag: String,
    span: Span,
    kind: GoKind,
    input: TypeInput,
    unique: bool,
    default: Option<String>,
    comment: Option<String>,
    ignore_migration: bool,
    /// Why the field has no column, when it should have one.
    unknown: Option<String>,
    /// Whether GORM can write NULL for the field: its Go type can hold nil (a pointer, a
    /// slice, `sql.NullString`, a type whose `Value()` returns nil) or it defaults to NULL.
    writes_null: bool,
}

impl Field {
    fn is_column(&self) -> bool {
        self.input.data_type.is_some() && !self.ignore_migration
    }
}

#[derive(Debug)]
struct Model {
    name: String,
    table: String,
    span: Span,
    fields: Vec<Field>,
    /// Field indexes in column order, one per database name.
    columns: Vec<usize>,
    primary: Vec<usize>,
    prioritized: Option<usize>,
}

impl Model {
    /// GORM's `LookUpField`: by database name, then by Go name.
    fn look_up(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .copied()
            .find(|&i| self.fields[i].db_name == name)
            .or_else(|| self.fields.iter().position(|f| f.name == name && f.depth == 0))
            .or_else(|| self.fields.iter().position(|f| f.name == name))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RelKind {
    BelongsTo,
    HasOne,
    HasMany,
    Many2Many,
}

/// A foreign key a relation asks for, on `table` (a model, or a join table).
#[derive(Clone, Debug)]
struct FkPlan {
    name: String,
    /// The model or join table that holds the key.
    holder: Node2,
    columns: Vec<String>,
    target: usize,
    target_columns: Vec<String>,
    on_delete: Option<RefAction>,
    on_update: Option<RefAction>,
    span: Span,
}

/// A table to create: a model, or the join table of a many2many relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Node2 {
    Model(usize),
    Join(usize),
}

#[derive(Debug)]
struct Relation {
    owner: usize,
    field: usize,
    kind: RelKind,
    target: usize,
    /// (foreign-key field of the holder, primary field of the referenced side).
    refs: Vec<(usize, usize)>,
    fk: Option<FkPlan>,
    join: Option<JoinTable>,
}

#[derive(Clone, Debug)]
struct JoinTable {
    table: String,
    span: Span,
    /// Columns: name, the field whose type it copies (model, field), in order.
    columns: Vec<(String, usize, usize)>,
}

struct Cx<'a, 's, 't> {
    files: &'a [GoFile<'s, 't>],
    /// Type declarations by (directory, name): the file and the declared type node.
    types: HashMap<Key, (usize, Node<'t>, Node<'t>)>,
    table_names: HashMap<Key, Result<String, (Span, String)>>,
    /// Named types whose `GormDataType()` or `Value()` decides what GORM stores.
    valuers: HashMap<Key, GoKind>,
    /// Named types with a `Value()` method, and whether it may return nil.
    value_nil: HashMap<Key, bool>,
    /// Named types whose `GormDBDataType()` chooses the column type at run time.
    runtime_typed: BTreeSet<Key>,
    naming: NamingStrategy,
    dialect: Dialect,
    models: Vec<Model>,
    by_key: HashMap<Key, usize>,
    findings: Vec<Finding>,
}

/// Reads the GORM models and migrating calls of `sources`.
pub fn extract_gorm(sources: &[GoSource<'_>], dialect: Dialect) -> GormExtraction {
    let trees: Vec<Option<Tree>> = sources.iter().map(|s| parse(s.text)).collect();
    let mut files = Vec::new();
    let mut roots = Vec::new();
    for (s, tree) in sources.iter().zip(&trees) {
        let Some(tree) = tree else { continue };
        let src = Source { text: s.text, file: s.file };
        let root = tree.root_node();
        let dir = s.path.rfind('/').map_or("", |i| &s.path[..i]).to_owned();
        files.push(GoFile {
            src,
            in_scope: s.in_scope,
            dir,
            package: package_name(&src, root),
            consts: package_consts(&src, root),
        });
        roots.push(root);
    }
    let mut cx = Cx {
        files: &files,
        types: HashMap::new(),
        table_names: HashMap::new(),
        valuers: HashMap::new(),
        value_nil: HashMap::new(),
        runtime_typed: BTreeSet::new(),
        naming: NamingStrategy::default(),
        dialect,
        models: Vec::new(),
        by_key: HashMap::new(),
        findings: Vec::new(),
    };
    let mut calls: Vec<(usize, Node<'_>, Node<'_>)> = Vec::new();
    let mut naming_found = false;
    for (fi, root) in roots.iter().enumerate() {
        let f = &files[fi];
        let text = f.src.text;
        for_each_match(query(Lang::Go, "type_specs"), *root, text, |m, q| {
            if let (Some(name), Some(ty)) = (capture(m, q, "name"), capture(m, q, "type")) {
                let spec = capture(m, q, "spec").unwrap_or(ty);
                cx.types.entry((f.dir.clone(), f.src.text_of(name).to_owned())).or_insert((fi, spec, ty));
            }
        });
        for_each_match(query(Lang::Go, "methods"), *root, text, |m, q| {
            let (Some(receiver), Some(body), Some(method)) =
                (capture(m, q, "receiver"), capture(m, q, "body"), capture(m, q, "method"))
            else {
                return;
            };
            let key = (f.dir.clone(), f.src.text_of(receiver).to_owned());
            match f.src.text_of(method) {
                "TableName" => {
                    cx.table_names.insert(key, table_name_of(f, body));
                }
                "GormDataType" => {
                    if let Ok(t) = table_name_of(f, body) {
                        cx.valuers.insert(key, GoKind::Scalar(DataType::Custom(t), 0));
                    }
                }
                "Value" => {
                    cx.value_nil.insert(key.clone(), value_may_be_nil(f, body));
                    if let Some(kind) = valuer_kind(f, body) {
                        cx.valuers.entry(key).or_insert(kind);
                    }
                }
                _ => {
                    cx.runtime_typed.insert(key);
                }
            }
        });
        for_each_match(query(Lang::Go, "migrate_calls"), *root, text, |m, q| {
            if let (Some(call), Some(args), Some(method)) =
                (capture(m, q, "call"), capture(m, q, "args"), capture(m, q, "method"))
            {
                // `CreateTable` only counts on a migrator: `db.Migrator().CreateTable(...)`.
                let function = call.child_by_field_name("function");
                let on_migrator = function
                    .and_then(|f| f.child_by_field_name("operand"))
                    .is_some_and(|o| f.src.text_of(o).ends_with("Migrator()"));
                if f.src.text_of(method) == "AutoMigrate" || on_migrator {
                    calls.push((fi, call, args));
                }
            }
        });
        if !naming_found {
            for_each_match(query(Lang::Go, "naming_strategy"), *root, text, |m, q| {
                if naming_found {
                    return;
                }
                if let Some(body) = capture(m, q, "body") {
                    cx.naming = naming_of(f, body);
                    naming_found = true;
                }
            });
        }
    }

    // The models each call migrates, in the order written.
    let mut migrate_lists: Vec<(Span, Vec<usize>)> = Vec::new();
    for (fi, call, args) in &calls {
        let f = &files[*fi];
        if !f.in_scope {
            continue;
        }
        let mut list = Vec::new();
        let mut c = args.walk();
        for arg in args.named_children(&mut c) {
            match model_arg(f, arg) {
                Some((qualifier, name)) => match cx.resolve_named(*fi, qualifier.as_deref(), &name) {
                    Some(key) if cx.is_struct(&key) => {
                        if let Some(m) = cx.model(&key) {
                            list.push(m);
                        }
                    }
                    _ => cx.note(
                        f.src.span(arg),
                        format!(
                            "the model `{}` is not a struct of the analyzed files; its table is not known",
                            f.src.text_of(arg)
                        ),
                    ),
                },
                None if arg.kind() == "comment" => {}
                None => cx.note(
                    f.src.span(arg),
                    format!(
                        "`{}` is not a model literal such as `&User{{}}`; what it migrates is known only at run time",
                        f.src.text_of(arg)
                    ),
                ),
            }
        }
        migrate_lists.push((f.src.span(*call), list));
    }

    // Models for declared state: the migrated ones, else every struct that looks like one.
    let declared_roots: Vec<usize> = if calls.iter().all(|(fi, _, _)| !files[*fi].in_scope) {
        let embedded = cx.embedded_only();
        let mut keys: Vec<(usize, Key)> = Vec::new();
        for (key, (fi, _, ty)) in &cx.types {
            if files[*fi].in_scope
                && ty.kind() == "struct_type"
                && !embedded.contains(key)
                && looks_like_model(&files[*fi].src, *ty)
            {
                keys.push((*fi, key.clone()));
            }
        }
        keys.sort_by(|a, b| {
            (sources_path(sources, &files, a.0), &a.1).cmp(&(sources_path(sources, &files, b.0), &b.1))
        });
        keys.into_iter().filter_map(|(_, k)| cx.model(&k)).collect()
    } else {
        let mut seen = BTreeSet::new();
        migrate_lists.iter().flat_map(|(_, l)| l.iter().copied()).filter(|m| seen.insert(*m)).collect()
    };

    // Relations need every model they reach, so resolve until no new model appears.
    let mut relations: Vec<Relation> = Vec::new();
    let mut done = 0;
    while done < cx.models.len() {
        let m = done;
        done += 1;
        let fields: Vec<usize> = (0..cx.models[m].fields.len()).collect();
        for fi in fields {
            if let Some(r) = cx.relation(m, fi) {
                relations.push(r);
            }
        }
    }
    cx.finish_relations(&mut relations);

    let mut out = GormExtraction::default();
    let mut created: BTreeSet<Node2> = BTreeSet::new();
    for (span, list) in &migrate_lists {
        out.migrate_call.get_or_insert(*span);
        for node in reorder(list, &relations) {
            if created.insert(node) {
                // AutoMigrate creates a table or index only when `HasTable` / `HasIndex`
                // say it is missing, so running it again is safe: IF NOT EXISTS.
                out.migrated.extend(cx.ops(node, &relations).into_iter().map(|mut op| {
                    match &mut op.kind {
                        OpKind::CreateTable(t) => t.if_not_exists = true,
                        OpKind::CreateIndex(i) => i.if_not_exists = true,
                        _ => {}
                    }
                    op
                }));
            }
        }
    }
    for node in reorder(&declared_roots, &relations) {
        out.declared.extend(cx.ops(node, &relations));
        if let Node2::Model(m) = node {
            out.never_null.extend(cx.never_null(m));
        }
    }
    out.findings = cx.findings;
    out
}

fn sources_path<'a>(sources: &'a [GoSource<'_>], files: &[GoFile<'_, '_>], fi: usize) -> &'a str {
    sources.iter().find(|s| s.file == files[fi].src.file).map_or("", |s| s.path)
}

/// A struct looks like a model when it embeds `gorm.Model` or a field has a `gorm` tag.
fn looks_like_model(src: &Source<'_>, struct_type: Node<'_>) -> bool {
    let text = src.text_of(struct_type);
    text.contains("gorm.Model") || text.contains("gorm:\"")
}

/// `&User{}`, `&models.User{}`, `User{}`, `new(User)`: the model's type name.
fn model_arg(f: &GoFile<'_, '_>, arg: Node<'_>) -> Option<(Option<String>, String)> {
    let node = if arg.kind() == "unary_expression" { arg.child_by_field_name("operand")? } else { arg };
    let ty = match node.kind() {
        "composite_literal" => node.child_by_field_name("type")?,
        "call_expression" if node.child_by_field_name("function").is_some_and(|c| f.src.text_of(c) == "new") => {
            let args = node.child_by_field_name("arguments")?;
            args.named_child(0)?
        }
        _ => return None,
    };
    match ty.kind() {
        "type_identifier" => Some((None, f.src.text_of(ty).to_owned())),
        "qualified_type" => {
            let pkg = ty.child_by_field_name("package").map(|p| f.src.text_of(p).to_owned());
            let name = ty.child_by_field_name("name").map(|n| f.src.text_of(n).to_owned())?;
            Some((pkg, name))
        }
        _ => None,
    }
}

/// The table a `TableName()` method returns, when it returns one string.
fn table_name_of(f: &GoFile<'_, '_>, body: Node<'_>) -> Result<String, (Span, String)> {
    let mut c = body.walk();
    let statements: Vec<Node<'_>> = body
        .named_children(&mut c)
        .flat_map(|n| {
            if n.kind() == "statement_list" {
                let mut c2 = n.walk();
                n.named_children(&mut c2).collect::<Vec<_>>()
            } else {
                vec![n]
            }
        })
        .filter(|n| n.kind() != "comment")
        .collect();
    if let [ret] = statements.as_slice()
        && ret.kind() == "return_statement"
        && let Some(list) = ret.named_child(0)
        && let Some(value) = if list.kind() == "expression_list" { list.named_child(0) } else { Some(list) }
    {
        return match eval_str(&f.src, value, &[&f.consts], 0) {
            StrValue::Str(s) => Ok(s.value),
            StrValue::Dynamic(why) => {
                Err((f.src.span(value), format!("`TableName()` returns a name known only at run time ({why})")))
            }
        };
    }
    Err((f.src.span(body), "`TableName()` computes its name; the naming strategy's name is used".to_owned()))
}

/// What a `Value()` method returns, when one of its returns converts to a Go scalar or
/// is a string literal: `return int64(f.bits), nil`, `return string(s), nil`.
fn valuer_kind(f: &GoFile<'_, '_>, body: Node<'_>) -> Option<GoKind> {
    let mut stack = vec![body];
    while let Some(node) = stack.pop() {
        if node.kind() == "func_literal" {
            continue;
        }
        if node.kind() == "return_statement"
            && let Some(list) = node.named_child(0)
            && let Some(value) = if list.kind() == "expression_list" { list.named_child(0) } else { Some(list) }
        {
            match value.kind() {
                "interpreted_string_literal" | "raw_string_literal" => return builtin("string"),
                "call_expression" => {
                    let callee = value.child_by_field_name("function").map(|c| f.src.text_of(c)).unwrap_or("");
                    if let Some(k) = builtin(callee) {
                        return Some(k);
                    }
                    if callee == "[]byte" {
                        return Some(GoKind::Scalar(DataType::Bytes, 0));
                    }
                }
                _ => {}
            }
        }
        let mut c = node.walk();
        let children: Vec<Node<'_>> = node.named_children(&mut c).collect();
        stack.extend(children.into_iter().rev());
    }
    None
}

/// Whether a `Value()` method may return nil, which GORM writes as NULL: some `return nil,
/// nil`, or a return of a variable or field, whose value is not known. A `return nil, err`
/// is an error, which writes nothing; a literal, a conversion or a call returns a value.
///
/// ```go
/// func (t Tags) Value() (driver.Value, error) {
///     if len(t) == 0 { return nil, nil }            // NULL
///     return json.Marshal(t)                        // a value (or an error)
/// }
/// ```
fn value_may_be_nil(f: &GoFile<'_, '_>, body: Node<'_>) -> bool {
    let mut stack = vec![body];
    while let Some(node) = stack.pop() {
        if node.kind() == "func_literal" {
            continue;
        }
        if node.kind() == "return_statement"
            && let Some(list) = node.named_child(0)
        {
            let values: Vec<Node<'_>> = if list.kind() == "expression_list" {
                let mut c = list.walk();
                list.named_children(&mut c).collect()
            } else {
                vec![list]
            };
            let is_nil = |n: &Node<'_>| n.kind() == "nil";
            let may_be_nil = match values.first() {
                Some(first) if is_nil(first) => values.get(1).is_none_or(is_nil),
                Some(first) if matches!(first.kind(), "identifier" | "selector_expression") => {
                    !f.consts.nodes.contains_key(f.src.text_of(*first))
                }
                _ => false,
            };
            if may_be_nil {
                return true;
            }
        }
        let mut c = node.walk();
        let children: Vec<Node<'_>> = node.named_children(&mut c).collect();
        stack.extend(children.into_iter().rev());
    }
    false
}

/// `schema.NamingStrategy{SingularTable: true, TablePrefix: "app_"}`.
fn naming_of(f: &GoFile<'_, '_>, body: Node<'_>) -> NamingStrategy {
    let mut ns = NamingStrategy::default();
    let mut c = body.walk();
    for el in body.named_children(&mut c) {
        if el.kind() != "keyed_element" {
            continue;
        }
        let (Some(k), Some(v)) = (el.child_by_field_name("key"), el.child_by_field_name("value")) else { continue };
        let value = v.named_child(0).unwrap_or(v);
        let vt = f.src.text_of(value);
        match f.src.text_of(k) {
            "SingularTable" => ns.singular_table = vt == "true",
            "NoLowerCase" => ns.no_lower_case = vt == "true",
            "TablePrefix" => {
                if let StrValue::Str(s) = eval_str(&f.src, value, &[&f.consts], 0) {
                    ns.table_prefix = s.value;
                }
            }
            "IdentifierMaxLength" => ns.identifier_max_length = vt.parse().unwrap_or(0),
            _ => {}
        }
    }
    ns
}

impl<'s, 't> Cx<'_, 's, 't> {
    fn note(&mut self, span: Span, reason: String) {
        self.findings.push(Finding::new(UNSUPPORTED_CONSTRUCT, span, format!("Skipped: {reason}")).with_help(
            "schemagraph reads GORM models without compiling them; the schema model may miss what this declares",
        ));
    }

    fn is_struct(&self, key: &Key) -> bool {
        self.types.get(key).is_some_and(|(_, _, ty)| ty.kind() == "struct_type")
    }

    /// The directory of the package a file imports under `qualifier`, found by package name.
    fn package_dir(&self, from: usize, qualifier: Option<&str>) -> Option<String> {
        let from_dir = &self.files[from].dir;
        match qualifier {
            None => Some(from_dir.clone()),
            Some(q) => {
                let mut dirs: Vec<&String> = self.files.iter().filter(|f| f.package == q).map(|f| &f.dir).collect();
                dirs.sort();
                dirs.dedup();
                // Prefer the package nearest the importing file.
                dirs.into_iter().max_by_key(|d| common_prefix(d, from_dir)).cloned()
            }
        }
    }

    fn resolve_named(&self, from: usize, qualifier: Option<&str>, name: &str) -> Option<Key> {
        let dir = self.package_dir(from, qualifier)?;
        let key = (dir, name.to_owned());
        self.types.contains_key(&key).then_some(key)
    }

    /// Structs that only ever appear embedded in other structs: parts, not models.
    fn embedded_only(&self) -> BTreeSet<Key> {
        let mut embedded = BTreeSet::new();
        for (fi, _, ty) in self.types.values() {
            if ty.kind() != "struct_type" {
                continue;
            }
            for field in struct_fields(*ty) {
                let tag = field_tag(&self.files[*fi].src, field);
                let anonymous = field.child_by_field_name("name").is_none();
                if (anonymous || parse_tag_setting(&tag, ';').contains_key("EMBEDDED"))
                    && let Some(t) = field.child_by_field_name("type")
                    && let GoKind::Struct { dir, name } = self.go_kind(*fi, t, 0)
                {
                    embedded.insert((dir, name));
                }
            }
        }
        embedded
    }

    /// What a field's type is to GORM.
    fn go_kind(&self, fi: usize, ty: Node<'t>, depth: usize) -> GoKind {
        let src = &self.files[fi].src;
        let text = src.text_of(ty);
        if depth > 8 {
            return GoKind::Unknown(text.to_owned());
        }
        match ty.kind() {
            "pointer_type" => match ty.named_child(0) {
                Some(inner) => self.go_kind(fi, inner, depth + 1),
                None => GoKind::Unknown(text.to_owned()),
            },
            "slice_type" | "array_type" => {
                let Some(elem) = ty.child_by_field_name("element") else { return GoKind::Unknown(text.to_owned()) };
                match self.go_kind(fi, elem, depth + 1) {
                    GoKind::Scalar(DataType::Uint, 8) => GoKind::Scalar(DataType::Bytes, 0),
                    inner => GoKind::Slice(Box::new(inner)),
                }
            }
            "type_identifier" => {
                if let Some(k) = builtin(text) {
                    return k;
                }
                self.named_kind(fi, None, text, depth)
            }
            "qualified_type" => {
                if let Some(k) = well_known(text) {
                    return k;
                }
                let pkg = ty.child_by_field_name("package").map(|p| src.text_of(p));
                let name = ty.child_by_field_name("name").map(|n| src.text_of(n)).unwrap_or("");
                self.named_kind(fi, pkg, name, depth)
            }
            "generic_type" => {
                // `sql.Null[string]`: the type argument is what is stored.
                let base = ty.child_by_field_name("type").map(|t| src.text_of(t)).unwrap_or("");
                if base == "sql.Null"
                    && let Some(args) = ty.child_by_field_name("type_arguments")
                    && let Some(arg) = args.named_child(0)
                {
                    let arg = if arg.kind() == "type_elem" { arg.named_child(0).unwrap_or(arg) } else { arg };
                    return self.go_kind(fi, arg, depth + 1);
                }
                GoKind::Unknown(text.to_owned())
            }
            _ => GoKind::Unknown(text.to_owned()),
        }
    }

    fn named_kind(&self, fi: usize, qualifier: Option<&str>, name: &str, depth: usize) -> GoKind {
        let shown = match qualifier {
            Some(q) => format!("{q}.{name}"),
            None => name.to_owned(),
        };
        let Some(key) = self.resolve_named(fi, qualifier, name) else { return GoKind::Unknown(shown) };
        // A `GormDataType()` or `Value()` decides what is stored, before the type itself.
        if let Some(kind) = self.valuers.get(&key) {
            return kind.clone();
        }
        let Some(&(dfi, _, ty)) = self.types.get(&key) else { return GoKind::Unknown(shown) };
        if ty.kind() == "struct_type" {
            return GoKind::Struct { dir: key.0, name: key.1 };
        }
        // `type Status string`: the underlying type.
        self.go_kind(dfi, ty, depth + 1)
    }

    /// Whether GORM can write NULL for a field of type `ty`: a pointer, slice, map or
    /// interface holds nil; a named type's `Value()` may return nil; a `string`, `int64`,
    /// array or struct always has a value. A type the extractor cannot see into may.
    fn writes_null(&self, fi: usize, ty: Node<'t>, depth: usize) -> bool {
        let src = &self.files[fi].src;
        let text = src.text_of(ty);
        if depth > 8 {
            return true;
        }
        match ty.kind() {
            "array_type" | "struct_type" => false,
            "type_identifier" if builtin(text).is_some() => false,
            "type_identifier" => self.named_writes_null(fi, None, text, depth),
            "qualified_type" => well_known_writes_null(text).unwrap_or_else(|| {
                let pkg = ty.child_by_field_name("package").map(|p| src.text_of(p));
                let name = ty.child_by_field_name("name").map(|n| src.text_of(n)).unwrap_or("");
                self.named_writes_null(fi, pkg, name, depth)
            }),
            // Pointers, slices, maps, interfaces, `sql.Null[T]` and other generic types.
            _ => true,
        }
    }

    fn named_writes_null(&self, fi: usize, qualifier: Option<&str>, name: &str, depth: usize) -> bool {
        let Some(key) = self.resolve_named(fi, qualifier, name) else { return true };
        if let Some(&nil) = self.value_nil.get(&key) {
            return nil;
        }
        let Some(&(dfi, _, ty)) = self.types.get(&key) else { return true };
        self.writes_null(dfi, ty, depth + 1)
    }

    /// The columns of a model GORM creates nullable and never writes NULL into.
    fn never_null(&self, m: usize) -> Vec<(QualifiedName, Ident)> {
        let model = &self.models[m];
        let table = self.object(&model.table).resolve(self.dialect);
        model
            .columns
            .iter()
            .map(|&fi| &model.fields[fi])
            .filter(|f| f.is_column() && !f.writes_null && !f.input.not_null)
            .map(|f| (table.clone(), self.ident(&f.db_name)))
            .collect()
    }

    /// The named type of a field when its `GormDBDataType()` decides its column type.
    fn runtime_type(&self, fi: usize, ty: Node<'t>) -> Option<String> {
        let src = &self.files[fi].src;
        let ty = if ty.kind() == "pointer_type" { ty.named_child(0)? } else { ty };
        let key = match ty.kind() {
            "type_identifier" => self.resolve_named(fi, None, src.text_of(ty))?,
            "qualified_type" => {
                let pkg = ty.child_by_field_name("package").map(|p| src.text_of(p));
                self.resolve_named(fi, pkg, ty.child_by_field_name("name").map(|n| src.text_of(n))?)?
            }
            _ => return None,
        };
        self.runtime_typed.contains(&key).then(|| key.1.clone())
    }

    /// The model of a struct type, built once.
    fn model(&mut self, key: &Key) -> Option<usize> {
        if let Some(&i) = self.by_key.get(key) {
            return Some(i);
        }
        let &(fi, spec, ty) = self.types.get(key)?;
        if ty.kind() != "struct_type" {
            return None;
        }
        let table = match self.table_names.get(key).cloned() {
            Some(Ok(t)) => t,
            Some(Err((span, why))) => {
                self.note(span, why);
                self.naming.table_name(&key.1)
            }
            None => self.naming.table_name(&key.1),
        };
        let index = self.models.len();
        self.by_key.insert(key.clone(), index);
        self.models.push(Model {
            name: key.1.clone(),
            table: table.clone(),
            span: self.files[fi].src.span(spec),
            fields: Vec::new(),
            columns: Vec::new(),
            primary: Vec::new(),
            prioritized: None,
        });
        let mut fields = Vec::new();
        self.expand(fi, ty, "", 0, None, &mut Vec::new(), &mut fields);
        let model = &mut self.models[index];
        model.fields = fields;
        settle_model(model);
        Some(index)
    }

    /// The fields of a struct, embedded structs inlined.
    #[allow(clippy::too_many_arguments, reason = "the walk carries GORM's embedding state")]
    fn expand(
        &mut self,
        fi: usize,
        struct_type: Node<'t>,
        prefix: &str,
        depth: usize,
        inherited: Option<&BTreeMap<String, String>>,
        stack: &mut Vec<Key>,
        out: &mut Vec<Field>,
    ) {
        let src = self.files[fi].src;
        for decl in struct_fields(struct_type) {
            let Some(ty) = decl.child_by_field_name("type") else { continue };
            let raw_tag = field_tag(&src, decl);
            let mut settings = parse_tag_setting(&raw_tag, ';');
            let mut c = decl.walk();
            let names: Vec<String> =
                decl.children_by_field_name("name", &mut c).map(|n| src.text_of(n).to_owned()).collect();
            let anonymous = names.is_empty();
            let names = if anonymous { vec![type_base_name(src.text_of(ty))] } else { names };
            let kind = self.go_kind(fi, ty, 0);
            let span = src.span(decl);
            for name in names {
                if !name.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                let permission = settings.get("-").map(|v| v.trim().to_lowercase());
                if matches!(permission.as_deref(), Some("-" | "all")) {
                    continue;
                }
                let embedded = settings.contains_key("EMBEDDED")
                    || (anonymous && matches!(kind, GoKind::Struct { .. } | GoKind::GormModel));
                if embedded {
                    let sub_prefix =
                        format!("{prefix}{}", settings.get("EMBEDDEDPREFIX").map(String::as_str).unwrap_or(""));
                    let mut sub: Vec<Field> = Vec::new();
                    match &kind {
                        GoKind::GormModel => sub = gorm_model_fields(span),
                        GoKind::Struct { dir, name: sname } => {
                            let key = (dir.clone(), sname.clone());
                            if stack.contains(&key) {
                                continue;
                            }
                            if let Some(&(efi, _, ety)) = self.types.get(&key) {
                                stack.push(key);
                                self.expand(efi, ety, "", depth + 1, None, stack, &mut sub);
                                stack.pop();
                            }
                        }
                        _ => {}
                    }
                    for mut f in sub {
                        f.depth += depth + 1;
                        if !f.db_name.is_empty() {
                            f.db_name = format!("{sub_prefix}{}", f.db_name);
                        }
                        // GORM copies the embedding field's settings onto each embedded field.
                        for (k, v) in &settings {
                            f.settings.insert(k.clone(), v.clone());
                        }
                        apply_settings(&mut f);
                        out.push(f);
                    }
                    continue;
                }
                if let Some(inh) = inherited {
                    for (k, v) in inh {
                        settings.insert(k.clone(), v.clone());
                    }
                }
                let mut f = Field {
                    name: name.clone(),
                    db_name: settings.get("COLUMN").cloned().unwrap_or_default(),
                    depth,
                    settings: settings.clone(),
                    raw_tag: raw_tag.clone(),
                    span,
                    kind: kind.clone(),
                    input: TypeInput::default(),
                    unique: false,
                    default: None,
                    comment: None,
                    ignore_migration: matches!(permission.as_deref(), Some("migration")),
                    unknown: None,
                    writes_null: self.writes_null(fi, ty, 0)
                        || settings.get("DEFAULT").is_some_and(|d| d.trim().eq_ignore_ascii_case("null")),
                };
                classify(&mut f);
                if f.input.data_type.is_some()
                    && !f.settings.contains_key("TYPE")
                    && let Some(t) = self.runtime_type(fi, ty)
                {
                    self.findings.push(
                        Finding::new(
                            UNSUPPORTED_CONSTRUCT,
                            span,
                            format!("The column type of `{name}` is chosen at run time by `{t}.GormDBDataType`; GORM's default for the underlying Go type is assumed"),
                        )
                        .with_help("add a `type:` tag to state the column type, or allow this finding if the default is what the database holds"),
                    );
                }
                if f.db_name.is_empty() && f.input.data_type.is_some() {
                    f.db_name = self.naming.to_db_name(&f.name);
                }
                if !prefix.is_empty() && !f.db_name.is_empty() {
                    f.db_name = format!("{prefix}{}", f.db_name);
                }
                out.push(f);
            }
        }
    }

    /// The association a field declares, if it is one.
    fn relation(&mut self, owner: usize, field: usize) -> Option<Relation> {
        let f = self.models[owner].fields[field].clone();
        if f.input.data_type.is_some() || f.ignore_migration || f.depth > 0 {
            return None;
        }
        let (target_key, slice) = match &f.kind {
            GoKind::Struct { dir, name } => ((dir.clone(), name.clone()), false),
            GoKind::Slice(inner) => match &**inner {
                GoKind::Struct { dir, name } => ((dir.clone(), name.clone()), true),
                _ => {
                    self.report_unknown(owner, field);
                    return None;
                }
            },
            _ => {
                self.report_unknown(owner, field);
                return None;
            }
        };
        let target = self.model(&target_key)?;
        let s = &f.settings;
        let list = |k: &str| -> Vec<String> {
            s.get(k)
                .map(|v| v.split(',').map(|x| x.trim().to_owned()).filter(|x| !x.is_empty()).collect())
                .unwrap_or_default()
        };
        let (foreign_keys, references) = (list("FOREIGNKEY"), list("REFERENCES"));
        if s.contains_key("POLYMORPHIC") || (s.contains_key("POLYMORPHICTYPE") && s.contains_key("POLYMORPHICID")) {
            self.note(f.span, format!("the polymorphic association `{}` is not modelled", f.name));
            return None;
        }
        if let Some(join) = s.get("MANY2MANY").filter(|v| !v.is_empty()).cloned() {
            return self.many2many(owner, field, target, &join, &foreign_keys, &references);
        }
        let self_ref = owner == target;
        let levels: &[RelKind] = if s.contains_key("BELONGSTO") || (self_ref && !slice) {
            &[RelKind::BelongsTo, RelKind::HasOne]
        } else if slice {
            &[RelKind::HasMany]
        } else {
            &[RelKind::HasOne, RelKind::BelongsTo]
        };
        for level in levels {
            if let Some(refs) = self.guess(owner, field, target, *level, &foreign_keys, &references) {
                let kind = match (level, slice) {
                    (RelKind::BelongsTo, _) => RelKind::BelongsTo,
                    (_, true) => RelKind::HasMany,
                    _ => RelKind::HasOne,
                };
                return Some(Relation { owner, field, kind, target, refs, fk: None, join: None });
            }
        }
        let (owner_name, target_name) = (self.models[owner].name.clone(), self.models[target].name.clone());
        self.note(
            f.span,
            format!("no foreign key found for the association `{owner_name}.{}` to `{target_name}`; GORM refuses such a model", f.name),
        );
        None
    }

    fn report_unknown(&mut self, owner: usize, field: usize) {
        let f = &self.models[owner].fields[field];
        let what = match &f.kind {
            GoKind::Unknown(t) => format!("`{t}`"),
            GoKind::Slice(_) => "a slice".to_owned(),
            _ => "this type".to_owned(),
        };
        let (span, reason) = (
            f.span,
            format!(
                "the column type of `{}.{}` ({what}) is not known without compiling the code; add a `type:` tag",
                self.models[owner].name, f.name
            ),
        );
        self.note(span, reason);
    }

    /// GORM's `guessRelation` at one level: the (foreign, primary) field pairs.
    fn guess(
        &self,
        owner: usize,
        field: usize,
        target: usize,
        level: RelKind,
        foreign_keys: &[String],
        references: &[String],
    ) -> Option<Vec<(usize, usize)>> {
        let (primary, foreign) = if level == RelKind::BelongsTo { (target, owner) } else { (owner, target) };
        let (pm, fm) = (&self.models[primary], &self.models[foreign]);
        let field_name = &self.models[owner].fields[field].name;
        let mut pairs = Vec::new();
        if !foreign_keys.is_empty() {
            let mut fks = Vec::new();
            for k in foreign_keys {
                fks.push(fm.look_up(k)?);
            }
            let pks: Vec<usize> = if !references.is_empty() {
                references.iter().map(|r| pm.look_up(r)).collect::<Option<Vec<_>>>()?
            } else if fks.len() == 1 && pm.prioritized.is_some() {
                pm.prioritized.into_iter().collect()
            } else if pm.primary.len() == fks.len() {
                pm.primary.clone()
            } else {
                return None;
            };
            if pks.len() != fks.len() {
                return None;
            }
            pairs.extend(fks.into_iter().zip(pks));
        } else {
            let pks: Vec<usize> = if !references.is_empty() {
                references.iter().filter_map(|r| pm.look_up(r)).collect()
            } else {
                pm.primary.clone()
            };
            let single = pks.len() == 1;
            for pk in pks {
                let pk_name = &pm.fields[pk].name;
                let base = if level == RelKind::BelongsTo { field_name.clone() } else { pm.name.clone() };
                let mut names = vec![format!("{base}{pk_name}")];
                if single {
                    names.push(format!("{base}ID"));
                    names.push(format!("{base}Id"));
                    names.push(self.naming.to_db_name(&format!("{base}ID")));
                }
                if let Some(fk) = names.iter().find_map(|n| fm.look_up(n)) {
                    pairs.push((fk, pk));
                }
            }
        }
        (!pairs.is_empty()).then_some(pairs)
    }

    fn many2many(
        &mut self,
        owner: usize,
        field: usize,
        target: usize,
        join: &str,
        foreign_keys: &[String],
        references: &[String],
    ) -> Option<Relation> {
        let f = self.models[owner].fields[field].clone();
        let pick = |m: &Model, names: &[String]| -> Option<Vec<usize>> {
            if names.is_empty() { Some(m.primary.clone()) } else { names.iter().map(|n| m.look_up(n)).collect() }
        };
        let own = pick(&self.models[owner], foreign_keys)?;
        let refs = pick(&self.models[target], references)?;
        let list = |k: &str| -> Vec<String> {
            f.settings.get(k).map(|v| v.split(',').map(|x| x.trim().to_owned()).collect()).unwrap_or_default()
        };
        let (join_fks, join_refs) = (list("JOINFOREIGNKEY"), list("JOINREFERENCES"));
        let title = |s: &str| {
            let mut c = s.chars();
            c.next().map(|h| h.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        };
        let mut columns: Vec<(String, usize, usize)> = Vec::new();
        let mut own_names = BTreeSet::new();
        for (i, &pk) in own.iter().enumerate() {
            let go = join_fks
                .get(i)
                .map(|n| title(n))
                .unwrap_or_else(|| format!("{}{}", self.models[owner].name, self.models[owner].fields[pk].name));
            own_names.insert(go.clone());
            columns.push((self.naming.to_db_name(&go), owner, pk));
        }
        for (i, &pk) in refs.iter().enumerate() {
            let mut go = format!("{}{}", self.models[target].name, self.models[target].fields[pk].name);
            if own_names.contains(&go) {
                go = if f.name != self.models[target].name {
                    format!("{}{}", singular(&f.name), self.models[target].fields[pk].name)
                } else {
                    format!("{go}Reference")
                };
            }
            if let Some(n) = join_refs.get(i) {
                go = title(n);
            }
            let db = self.naming.to_db_name(&go);
            if !columns.iter().any(|(c, _, _)| *c == db) {
                columns.push((db, target, pk));
            }
        }
        let table = self.naming.join_table_name(join);
        Some(Relation {
            owner,
            field,
            kind: RelKind::Many2Many,
            target,
            refs: Vec::new(),
            fk: None,
            join: Some(JoinTable { table, span: f.span, columns }),
        })
    }

    /// Copies key types onto foreign keys and decides each relation's constraint, as
    /// GORM's `ParseConstraint` does.
    fn finish_relations(&mut self, relations: &mut [Relation]) {
        // Foreign keys take the type of what they reference.
        for r in relations.iter() {
            let (holder, referenced) = match r.kind {
                RelKind::BelongsTo => (r.owner, r.target),
                RelKind::HasOne | RelKind::HasMany => (r.target, r.owner),
                RelKind::Many2Many => continue,
            };
            for &(fk, pk) in &r.refs {
                let p = self.models[referenced].fields[pk].input.clone();
                let f = &mut self.models[holder].fields[fk].input;
                if let Some(dt) = &p.data_type
                    && copyable(dt)
                {
                    f.data_type = Some(dt.clone());
                }
                f.gorm_data_type = p.gorm_data_type.clone();
                if f.size == 0 {
                    f.size = p.size;
                }
            }
        }
        type HasRelation = (usize, usize, Vec<(usize, usize)>);
        let has: Vec<HasRelation> = relations
            .iter()
            .filter(|r| matches!(r.kind, RelKind::HasOne | RelKind::HasMany))
            .map(|r| (r.owner, r.target, r.refs.clone()))
            .collect();
        for r in relations.iter_mut() {
            let owner = &self.models[r.owner];
            let field = &owner.fields[r.field];
            let constraint = field.settings.get("CONSTRAINT").cloned().unwrap_or_default();
            if constraint.trim() == "-" {
                continue;
            }
            let settings = parse_tag_setting(&constraint, ',');
            let action = |k: &str| settings.get(k).and_then(|v| ref_action(v));
            let named = constraint
                .split_once(',')
                .map(|(n, _)| n)
                .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-'));
            let rel_name = |naming: &NamingStrategy, table: &str, name: &str| {
                naming.format_name("fk", table, &naming.to_db_name(name))
            };
            match r.kind {
                RelKind::BelongsTo => {
                    // A belongs-to that mirrors a has-one/has-many of the other side
                    // leaves the constraint to that side.
                    if has.iter().any(|(o, t, refs)| *o == r.target && *t == r.owner && *refs == r.refs) {
                        continue;
                    }
                    let target = &self.models[r.target];
                    r.fk = Some(FkPlan {
                        name: named.map_or_else(|| rel_name(&self.naming, &owner.table, &field.name), str::to_owned),
                        holder: Node2::Model(r.owner),
                        columns: r.refs.iter().map(|(fk, _)| owner.fields[*fk].db_name.clone()).collect(),
                        target: r.target,
                        target_columns: r.refs.iter().map(|(_, pk)| target.fields[*pk].db_name.clone()).collect(),
                        on_delete: action("ONDELETE"),
                        on_update: action("ONUPDATE"),
                        span: field.span,
                    });
                }
                RelKind::HasOne | RelKind::HasMany => {
                    let target = &self.models[r.target];
                    r.fk = Some(FkPlan {
                        name: named.map_or_else(|| rel_name(&self.naming, &owner.table, &field.name), str::to_owned),
                        holder: Node2::Model(r.target),
                        columns: r.refs.iter().map(|(fk, _)| target.fields[*fk].db_name.clone()).collect(),
                        target: r.owner,
                        target_columns: r.refs.iter().map(|(_, pk)| owner.fields[*pk].db_name.clone()).collect(),
                        on_delete: action("ONDELETE"),
                        on_update: action("ONUPDATE"),
                        span: field.span,
                    });
                }
                RelKind::Many2Many => {}
            }
        }
    }

    /// The ops that create one table and its indexes.
    fn ops(&self, node: Node2, relations: &[Relation]) -> Vec<Op> {
        match node {
            Node2::Model(m) => self.model_ops(m, relations),
            Node2::Join(r) => self.join_ops(&relations[r]),
        }
    }

    fn object(&self, table: &str) -> ObjectName {
        let ident = |s: &str| Ident::new(s, true, self.dialect);
        match table.split_once('.') {
            Some((schema, name)) => ObjectName { schema: Some(ident(schema)), name: ident(name) },
            None => ObjectName { schema: None, name: ident(table) },
        }
    }

    fn ident(&self, s: &str) -> Ident {
        Ident::new(s, true, self.dialect)
    }

    fn fk_constraint(&self, fk: &FkPlan) -> Constraint {
        Constraint {
            name: Some(self.ident(&fk.name)),
            kind: ConstraintKind::ForeignKey(ForeignKeyDef {
                columns: fk.columns.iter().map(|c| self.ident(c)).collect(),
                references: self.object(&self.models[fk.target].table),
                referenced_columns: fk.target_columns.iter().map(|c| self.ident(c)).collect(),
                on_delete: fk.on_delete,
                on_update: fk.on_update,
                deferrable: false,
            }),
            not_valid: false,
            span: fk.span,
        }
    }

    fn model_ops(&self, m: usize, relations: &[Relation]) -> Vec<Op> {
        let model = &self.models[m];
        let composite = model.primary.len() > 1;
        let mut columns = Vec::new();
        let mut inline_pk = false;
        let mut constraints = Vec::new();
        for &fi in &model.columns {
            let f = &model.fields[fi];
            if !f.is_column() {
                continue;
            }
            let mut input = f.input.clone();
            input.primary_key = model.primary.contains(&fi);
            input.composite_primary_key = composite;
            let Some(ct) = column_type(&input, self.dialect) else { continue };
            inline_pk |= ct.inline_primary_key;
            columns.push(self.column_def(f, &ct));
            if f.unique {
                let name = self.naming.format_name("uni", &model.table, &self.naming.to_db_name(&f.db_name));
                constraints.push(Constraint {
                    name: Some(self.ident(&name)),
                    kind: ConstraintKind::Unique {
                        columns: vec![self.ident(&f.db_name)],
                        using_index: None,
                        nulls_not_distinct: false,
                    },
                    not_valid: false,
                    span: f.span,
                });
            }
            if let Some(check) = f.settings.get("CHECK").filter(|c| !c.is_empty()) {
                let parts: Vec<&str> = check.split(',').collect();
                let (name, expr) = if parts.len() > 1
                    && parts[0].chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                    && !parts[0].is_empty()
                {
                    (parts[0].to_owned(), parts[1..].join(","))
                } else {
                    let expr = if parts[0].is_empty() { parts[1..].join(",") } else { check.clone() };
                    (self.naming.format_name("chk", &model.table, &f.db_name), expr)
                };
                let parsed = sg_extract_sql::parse_expression(&expr, self.dialect);
                constraints.push(Constraint {
                    name: Some(self.ident(&name)),
                    kind: ConstraintKind::Check {
                        expr: parsed.as_ref().map_or(expr.clone(), |p| p.text.clone()),
                        columns: parsed.map(|p| p.columns).unwrap_or_default(),
                    },
                    not_valid: false,
                    span: f.span,
                });
            }
        }
        if !inline_pk && !model.primary.is_empty() {
            let span = model.fields[model.primary[0]].span;
            constraints.insert(
                0,
                Constraint {
                    name: None,
                    kind: ConstraintKind::PrimaryKey {
                        columns: model.primary.iter().map(|&p| self.ident(&model.fields[p].db_name)).collect(),
                        using_index: None,
                    },
                    not_valid: false,
                    span,
                },
            );
        }
        for r in relations {
            if let Some(fk) = &r.fk
                && fk.holder == Node2::Model(m)
            {
                constraints.push(self.fk_constraint(fk));
            }
        }
        let name = self.object(&model.table);
        let mut ops = vec![Op::new(
            OpKind::CreateTable(CreateTable {
                name: name.clone(),
                if_not_exists: false,
                temporary: false,
                columns,
                constraints,
                partition_of: None,
                partitioned: false,
                like: None,
                as_select: false,
            }),
            model.span,
        )];
        ops.extend(self.index_ops(model, &name));
        ops
    }

    fn column_def(&self, f: &Field, ct: &ColumnType) -> ColumnDef {
        let mut constraints = Vec::new();
        if ct.inline_primary_key {
            constraints.push(Constraint {
                name: None,
                kind: ConstraintKind::PrimaryKey { columns: Vec::new(), using_index: None },
                not_valid: false,
                span: f.span,
            });
        }
        let nullable = if f.input.not_null {
            Some(false)
        } else if ct.explicit_null {
            Some(true)
        } else {
            None
        };
        let default = f.default.as_ref().map(|d| {
            sg_extract_sql::parse_expression(d, self.dialect).map_or_else(|| Expr::Raw(d.clone()), |e| e.expr)
        });
        ColumnDef {
            name: self.ident(&f.db_name),
            ty: TypeRef::parse(&ct.sql, self.dialect),
            nullable,
            default,
            generated: None,
            constraints,
            auto_increment: ct.auto_increment,
            comment: f.comment.clone(),
            span: f.span,
        }
    }

    /// `index` and `uniqueIndex` tags, merged by name across fields.
    fn index_ops(&self, model: &Model, table: &ObjectName) -> Vec<Op> {
        struct Idx {
            name: String,
            unique: bool,
            method: Option<String>,
            predicate: Option<String>,
            keys: Vec<(i64, IndexKey)>,
            span: Span,
        }
        let mut indexes: Vec<Idx> = Vec::new();
        for f in &model.fields {
            if !f.is_column() || !(f.settings.contains_key("INDEX") || f.settings.contains_key("UNIQUEINDEX")) {
                continue;
            }
            for part in f.raw_tag.split(';') {
                let mut kv = part.split(':');
                let k = kv.next().unwrap_or("").trim().to_uppercase();
                if k != "INDEX" && k != "UNIQUEINDEX" {
                    continue;
                }
                let tag: String = kv.collect::<Vec<_>>().join(":");
                let (name, rest) = tag.split_once(',').unwrap_or((tag.as_str(), ""));
                let settings = parse_tag_setting(rest, ',');
                let name = if name.is_empty() {
                    let sub = settings.get("COMPOSITE").cloned().unwrap_or_else(|| f.name.clone());
                    self.naming.format_name("idx", &model.table, &self.naming.to_db_name(&sub))
                } else {
                    name.to_owned()
                };
                let unique = k == "UNIQUEINDEX"
                    || settings.contains_key("UNIQUE")
                    || settings.get("CLASS").is_some_and(|c| c.eq_ignore_ascii_case("unique"));
                let priority = settings.get("PRIORITY").and_then(|p| p.parse().ok()).unwrap_or(10);
                let key = match settings.get("EXPRESSION") {
                    Some(e) => IndexKey::Expression(e.clone()),
                    None => IndexKey::Column(self.ident(&f.db_name)),
                };
                let idx = match indexes.iter_mut().position(|i| i.name == name) {
                    Some(i) => &mut indexes[i],
                    None => {
                        indexes.push(Idx {
                            name,
                            unique: false,
                            method: None,
                            predicate: None,
                            keys: Vec::new(),
                            span: f.span,
                        });
                        let last = indexes.len() - 1;
                        &mut indexes[last]
                    }
                };
                idx.unique |= unique;
                if idx.method.is_none() {
                    idx.method = settings.get("TYPE").cloned();
                }
                if idx.predicate.is_none() {
                    idx.predicate = settings.get("WHERE").cloned();
                }
                idx.keys.push((priority, key));
                idx.keys.sort_by_key(|(p, _)| *p);
            }
        }
        indexes
            .into_iter()
            .map(|i| {
                Op::new(
                    OpKind::CreateIndex(CreateIndex {
                        name: Some(self.ident(&i.name)),
                        schema: None,
                        table: table.clone(),
                        keys: i.keys.into_iter().map(|(_, k)| k).collect(),
                        unique: i.unique,
                        concurrently: false,
                        if_not_exists: false,
                        method: i.method,
                        predicate: i.predicate,
                        include: Vec::new(),
                        only: false,
                    }),
                    i.span,
                )
            })
            .collect()
    }

    fn join_ops(&self, r: &Relation) -> Vec<Op> {
        let Some(join) = &r.join else { return Vec::new() };
        let owner = &self.models[r.owner];
        let field = &owner.fields[r.field];
        let mut columns = Vec::new();
        for (name, m, pk) in &join.columns {
            let src = &self.models[*m].fields[*pk];
            let mut input = src.input.clone();
            input.auto_increment = false;
            input.primary_key = true;
            input.composite_primary_key = join.columns.len() > 1;
            if let Some(DataType::Custom(t)) = &input.data_type
                && !copyable(&DataType::Custom(t.clone()))
            {
                input.data_type = input.gorm_data_type.clone();
            }
            let Some(ct) = column_type(&input, self.dialect) else { continue };
            let mut f = src.clone();
            f.db_name = name.clone();
            f.span = join.span;
            f.default = None;
            f.input = input;
            columns.push(self.column_def(&f, &ct));
        }
        let constraint = field.settings.get("CONSTRAINT").cloned().unwrap_or_default();
        let settings = parse_tag_setting(&constraint, ',');
        let action = |k: &str| settings.get(k).and_then(|v| ref_action(v));
        let mut constraints = vec![Constraint {
            name: None,
            kind: ConstraintKind::PrimaryKey {
                columns: join.columns.iter().map(|(c, _, _)| self.ident(c)).collect(),
                using_index: None,
            },
            not_valid: false,
            span: join.span,
        }];
        if constraint.trim() != "-" {
            let target_name = if self.models[r.target].name == owner.name {
                field.name.clone()
            } else {
                self.models[r.target].name.clone()
            };
            for (side, rel_name) in [(r.owner, owner.name.clone()), (r.target, target_name)] {
                let cols: Vec<&(String, usize, usize)> = join.columns.iter().filter(|(_, m, _)| *m == side).collect();
                let cols: Vec<&(String, usize, usize)> = if r.owner == r.target {
                    // A self-referencing join: the first half is the owner's, the rest the target's.
                    let half = join.columns.len() / 2;
                    if side == r.owner && rel_name == owner.name {
                        join.columns[..half].iter().collect()
                    } else {
                        join.columns[half..].iter().collect()
                    }
                } else {
                    cols
                };
                if cols.is_empty() {
                    continue;
                }
                let fk = FkPlan {
                    name: self.naming.format_name("fk", &join.table, &self.naming.to_db_name(&rel_name)),
                    holder: Node2::Join(0),
                    columns: cols.iter().map(|(c, _, _)| c.clone()).collect(),
                    target: side,
                    target_columns: cols.iter().map(|(_, m, pk)| self.models[*m].fields[*pk].db_name.clone()).collect(),
                    on_delete: action("ONDELETE"),
                    on_update: action("ONUPDATE"),
                    span: join.span,
                };
                constraints.push(self.fk_constraint(&fk));
            }
        }
        vec![Op::new(
            OpKind::CreateTable(CreateTable {
                name: self.object(&join.table),
                if_not_exists: false,
                temporary: false,
                columns,
                constraints,
                partition_of: None,
                partitioned: false,
                like: None,
                as_select: false,
            }),
            join.span,
        )]
    }
}

fn copyable(dt: &DataType) -> bool {
    match dt {
        DataType::Custom(t) => {
            let l = t.to_lowercase();
            !l.contains("auto_increment") && !l.contains("primary key")
        }
        _ => true,
    }
}

fn ref_action(v: &str) -> Option<RefAction> {
    match v.trim().to_uppercase().as_str() {
        "CASCADE" => Some(RefAction::Cascade),
        "SET NULL" => Some(RefAction::SetNull),
        "SET DEFAULT" => Some(RefAction::SetDefault),
        "RESTRICT" => Some(RefAction::Restrict),
        "NO ACTION" => Some(RefAction::NoAction),
        _ => None,
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

fn struct_fields(struct_type: Node<'_>) -> Vec<Node<'_>> {
    let mut c = struct_type.walk();
    let Some(list) = struct_type.named_children(&mut c).find(|n| n.kind() == "field_declaration_list") else {
        return Vec::new();
    };
    let mut c = list.walk();
    list.named_children(&mut c).filter(|n| n.kind() == "field_declaration").collect()
}

/// The `gorm` part of a field's struct tag.
fn field_tag(src: &Source<'_>, decl: Node<'_>) -> String {
    decl.child_by_field_name("tag")
        .and_then(|t| decode_string(src, t))
        .and_then(|t| struct_tag_get(&t.value, "gorm"))
        .unwrap_or_default()
}

/// The name an embedded field gets: its type's name without package or pointer.
fn type_base_name(ty: &str) -> String {
    let t = ty.trim_start_matches('*');
    let t = t.split('[').next().unwrap_or(t);
    t.rsplit('.').next().unwrap_or(t).to_owned()
}

/// `gorm.Model`'s fields.
fn gorm_model_fields(span: Span) -> Vec<Field> {
    let mk = |name: &str, db: &str, kind: GoKind, tag: &str, writes_null: bool| {
        let mut f = Field {
            name: name.to_owned(),
            db_name: db.to_owned(),
            depth: 0,
            settings: parse_tag_setting(tag, ';'),
            raw_tag: tag.to_owned(),
            span,
            kind,
            input: TypeInput::default(),
            unique: false,
            default: None,
            comment: None,
            ignore_migration: false,
            unknown: None,
            writes_null,
        };
        classify(&mut f);
        f
    };
    vec![
        mk("ID", "id", GoKind::Scalar(DataType::Uint, 64), "primarykey", false),
        mk("CreatedAt", "created_at", GoKind::Scalar(DataType::Time, 0), "", false),
        mk("UpdatedAt", "updated_at", GoKind::Scalar(DataType::Time, 0), "", false),
        // `gorm.DeletedAt` is a `sql.NullTime`: NULL until the row is soft-deleted.
        mk("DeletedAt", "deleted_at", GoKind::Scalar(DataType::Time, 0), "index", true),
    ]
}

/// GORM's `ParseField`: the data type, size and flags from the Go type and the settings.
fn classify(f: &mut Field) {
    let s = &f.settings;
    let mut data_type = match &f.kind {
        GoKind::Scalar(dt, _) => Some(dt.clone()),
        _ => None,
    };
    if s.contains_key("SERIALIZER") || s.get("JSON").is_some_and(|v| v != "JSON") {
        data_type = Some(DataType::String);
    }
    let gorm_data_type = data_type.clone();
    if let Some(t) = s.get("TYPE") {
        data_type = Some(match t.to_lowercase().as_str() {
            "bool" => DataType::Bool,
            "int" => DataType::Int,
            "uint" => DataType::Uint,
            "float" => DataType::Float,
            "string" => DataType::String,
            "time" => DataType::Time,
            "bytes" => DataType::Bytes,
            _ => DataType::Custom(t.clone()),
        });
    }
    let mut size = match s.get("SIZE") {
        Some(n) => n.trim().parse().unwrap_or(-1),
        None => 0,
    };
    if size == 0
        && let GoKind::Scalar(DataType::Int | DataType::Uint | DataType::Float, bits) = f.kind
    {
        size = bits;
    }
    let num = |k: &str| s.get(k).and_then(|v| v.trim().parse().ok()).unwrap_or(0);
    f.input = TypeInput {
        data_type,
        gorm_data_type,
        size,
        precision: num("PRECISION"),
        scale: num("SCALE"),
        auto_increment: truthy(s, &["AUTOINCREMENT"]),
        primary_key: truthy(s, &["PRIMARYKEY", "PRIMARY_KEY"]),
        not_null: truthy(s, &["NOT NULL", "NOTNULL"]),
        has_default: s.contains_key("DEFAULT") || truthy(s, &["AUTOINCREMENT"]),
        has_index_or_unique_tag: s.get("INDEX").is_some_and(|v| !v.is_empty())
            || s.get("UNIQUE").is_some_and(|v| !v.is_empty()),
        precision_tag: s.get("PRECISION").is_some_and(|v| !v.is_empty()),
        composite_primary_key: false,
    };
    f.unique = truthy(s, &["UNIQUE"]);
    f.comment = s.get("COMMENT").cloned();
    f.default = s.get("DEFAULT").and_then(|d| default_sql(d.trim(), f.input.data_type.as_ref()));
}

/// Re-reads the settings that an embedding field copied onto an embedded one.
fn apply_settings(f: &mut Field) {
    let (db, unknown, ignore) = (f.db_name.clone(), f.unknown.clone(), f.ignore_migration);
    let depth = f.depth;
    // An embedded struct's primary key counts only when its tag says so; the embedding
    // model decides about a field named `ID` itself.
    let explicit_pk = truthy(&f.settings, &["PRIMARYKEY", "PRIMARY_KEY"]);
    classify(f);
    f.db_name = db;
    f.unknown = unknown;
    f.ignore_migration = ignore || f.settings.get("-").is_some_and(|v| v.trim().eq_ignore_ascii_case("migration"));
    f.depth = depth;
    f.input.primary_key = explicit_pk;
}

/// The SQL of a `default:` tag as GORM's migrator writes it.
fn default_sql(v: &str, dt: Option<&DataType>) -> Option<String> {
    if v == "(-)" {
        return None;
    }
    let raw = (v.contains('(') && v.contains(')')) || v.eq_ignore_ascii_case("null") || v.is_empty();
    if raw {
        return (!v.is_empty()).then(|| v.to_owned());
    }
    Some(match dt {
        Some(DataType::String) => {
            let t = v.trim_matches('\'').trim_matches('"');
            format!("'{}'", t.replace('\'', "''"))
        }
        Some(DataType::Bool) => match v.to_lowercase().as_str() {
            "true" | "1" | "t" => "true".to_owned(),
            "false" | "0" | "f" => "false".to_owned(),
            _ => v.to_owned(),
        },
        _ => v.to_owned(),
    })
}

/// Decides the columns and primary key of a model once its fields are known.
fn settle_model(model: &mut Model) {
    let mut by_db: BTreeMap<String, usize> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (i, f) in model.fields.iter().enumerate() {
        if f.db_name.is_empty() || f.input.data_type.is_none() {
            continue;
        }
        match by_db.get(&f.db_name) {
            None => {
                by_db.insert(f.db_name.clone(), i);
                order.push(f.db_name.clone());
            }
            Some(&j) if f.depth < model.fields[j].depth => {
                by_db.insert(f.db_name.clone(), i);
            }
            Some(_) => {}
        }
    }
    model.columns = order.iter().filter_map(|d| by_db.get(d).copied()).collect();
    model.primary = model.columns.iter().copied().filter(|&i| model.fields[i].input.primary_key).collect();
    let id = model.look_up("id").or_else(|| model.look_up("ID")).filter(|i| model.columns.contains(i));
    if let Some(id) = id {
        if model.fields[id].input.primary_key {
            model.prioritized = Some(id);
        } else if model.primary.is_empty() {
            model.fields[id].input.primary_key = true;
            model.primary.push(id);
            model.prioritized = Some(id);
        }
    }
    if model.prioritized.is_none() {
        if model.primary.len() == 1 {
            model.prioritized = Some(model.primary[0]);
        } else {
            model.prioritized = model.primary.iter().copied().find(|&p| model.fields[p].input.auto_increment);
        }
    }
    if let Some(p) = model.prioritized {
        let f = &mut model.fields[p];
        if matches!(f.input.gorm_data_type, Some(DataType::Int | DataType::Uint))
            && !f.settings.contains_key("AUTOINCREMENT")
        {
            f.input.auto_increment = true;
            f.input.has_default = true;
        }
    }
}

/// GORM's `ReorderModels` with auto-adding: each table after the tables its foreign keys
/// reference, join tables after both sides.
fn reorder(list: &[usize], relations: &[Relation]) -> Vec<Node2> {
    let depends = |node: Node2| -> Vec<Node2> {
        match node {
            Node2::Model(m) => {
                let mut d: Vec<Node2> = relations
                    .iter()
                    .filter_map(|r| r.fk.as_ref())
                    .filter(|fk| fk.holder == Node2::Model(m) && fk.target != m)
                    .map(|fk| Node2::Model(fk.target))
                    .collect();
                for r in relations.iter().filter(|r| r.owner == m && r.join.is_some()) {
                    d.push(Node2::Model(r.target));
                }
                d
            }
            Node2::Join(ri) => vec![Node2::Model(relations[ri].owner), Node2::Model(relations[ri].target)],
        }
    };
    let mut names: Vec<Node2> = Vec::new();
    let mut parsed: BTreeSet<Node2> = BTreeSet::new();
    fn parse_dep(node: Node2, relations: &[Relation], parsed: &mut BTreeSet<Node2>, names: &mut Vec<Node2>) {
        if !parsed.insert(node) {
            return;
        }
        names.push(node);
        if let Node2::Model(m) = node {
            let joins: Vec<usize> = relations
                .iter()
                .enumerate()
                .filter(|(_, r)| r.owner == m && r.join.is_some())
                .map(|(i, _)| i)
                .collect();
            for ri in joins {
                parse_dep(Node2::Join(ri), relations, parsed, names);
            }
        }
    }
    for &m in list {
        parse_dep(Node2::Model(m), relations, &mut parsed, &mut names);
    }
    let mut ordered: Vec<Node2> = Vec::new();
    let mut seen: BTreeSet<Node2> = BTreeSet::new();
    fn insert(
        node: Node2,
        depends: &dyn Fn(Node2) -> Vec<Node2>,
        relations: &[Relation],
        parsed: &mut BTreeSet<Node2>,
        names: &mut Vec<Node2>,
        seen: &mut BTreeSet<Node2>,
        ordered: &mut Vec<Node2>,
    ) {
        if !seen.insert(node) {
            return;
        }
        for d in depends(node) {
            parse_dep(d, relations, parsed, names);
            insert(d, depends, relations, parsed, names, seen, ordered);
        }
        ordered.push(node);
    }
    let mut i = 0;
    while i < names.len() {
        let n = names[i];
        insert(n, &depends, relations, &mut parsed, &mut names, &mut seen, &mut ordered);
        i += 1;
    }
    ordered
}
