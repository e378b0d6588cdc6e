//! diesel: `diesel.toml`, and `schema.rs` as the declared state at the head.
//!
//! `diesel print-schema` (run by `diesel migration run`) writes the schema it finds in the
//! database after the migrations into `schema.rs`, so that file is what the migrations
//! should produce:
//!
//! ```text
//! diesel::table! {
//!     use diesel::sql_types::*;
//!     #[sql_name = "users"]          // the SQL name, when it is not the Rust one
//!     app.users (id) {               // schema-qualified table, primary key columns
//!         id -> Int4,
//!         #[max_length = 320]
//!         email -> Varchar,
//!         deleted_at -> Nullable<Timestamptz>,
//!         status -> crate::schema::sql_types::UserStatus,   // from `mod sql_types`
//!     }
//! }
//! diesel::joinable!(posts -> users (author_id));            // a foreign key
//! diesel::allow_tables_to_appear_in_same_query!(posts, users);
//! ```
//!
//! What `print-schema` leaves out by design (other database schemas, filtered tables,
//! foreign keys `joinable!` cannot express) is described by the declaration's scope, so
//! the drift rule does not report it.

use std::collections::BTreeMap;
use std::sync::Arc;

use sg_model::finding::builtin::{UNPARSED_STATEMENT, UNSUPPORTED_CONSTRUCT};
use sg_model::migration::{DeclaredSchema, DeclaredScope, ForeignKeyCoverage};
use sg_model::op::{ColumnDef, Constraint, ConstraintKind, CreateTable, ForeignKeyDef, TypeRef};
use sg_model::{Dialect, FileId, Finding, Ident, ObjectName, Op, OpKind, Span};
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;

use crate::source::{Source, with_spans};

/// What `diesel.toml` says.
#[derive(Clone, Debug, Default)]
pub struct DieselToml {
    /// `[migrations_directory] dir`, relative to the file.
    pub migrations_dir: Option<String>,
    /// One per `[print_schema]` configuration that names a file.
    pub print_schema: Vec<PrintSchema>,
}

/// One `[print_schema]` configuration.
#[derive(Clone)]
pub struct PrintSchema {
    /// `file`, relative to `diesel.toml`.
    pub file: String,
    /// `schema`: the database schema printed (PostgreSQL's `public` when absent).
    pub schema: Option<String>,
    /// `filter`: which tables are printed.
    pub filter: TableFilter,
}

impl std::fmt::Debug for PrintSchema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrintSchema").field("file", &self.file).field("schema", &self.schema).finish_non_exhaustive()
    }
}

/// diesel's table filter: regular expressions, matched anywhere in the name, as diesel
/// matches them.
#[derive(Clone, Default)]
pub enum TableFilter {
    #[default]
    All,
    Only(Vec<regex::Regex>),
    Except(Vec<regex::Regex>),
}

impl TableFilter {
    pub fn prints(&self, table: &str) -> bool {
        match self {
            TableFilter::All => true,
            TableFilter::Only(res) => res.iter().any(|r| r.is_match(table)),
            TableFilter::Except(res) => !res.iter().any(|r| r.is_match(table)),
        }
    }
}

impl DieselToml {
    /// Reads `diesel.toml`; a malformed file or filter is reported and what could be read
    /// is kept.
    pub fn parse(file: FileId, text: &str) -> (DieselToml, Vec<Finding>) {
        let mut findings = Vec::new();
        let whole = Span::new(file, 0, 0);
        let table: toml::Table = match text.parse() {
            Ok(t) => t,
            Err(e) => {
                let at = e.span().map_or(whole, |r| Span::new(file, r.start, r.end));
                findings.push(
                    Finding::new(UNPARSED_STATEMENT, at, format!("`diesel.toml` is not valid TOML ({})", e.message()))
                        .with_help("fix the file; diesel itself refuses it, and schemagraph could not read where `schema.rs` and the migrations are"),
                );
                return (DieselToml::default(), findings);
            }
        };
        let mut out = DieselToml {
            migrations_dir: table
                .get("migrations_directory")
                .and_then(|m| m.get("dir"))
                .and_then(toml::Value::as_str)
                .map(str::to_owned),
            print_schema: Vec::new(),
        };
        if let Some(ps) = table.get("print_schema").and_then(toml::Value::as_table) {
            let mut configs: Vec<&toml::Table> = vec![ps];
            // diesel 2.2: `[print_schema.<key>]` tables are further configurations.
            configs.extend(
                ps.iter()
                    .filter(|(k, _)| *k != "filter")
                    .filter_map(|(_, v)| v.as_table())
                    .filter(|t| t.contains_key("file") || t.contains_key("schema")),
            );
            for config in configs {
                let Some(file_path) = config.get("file").and_then(toml::Value::as_str) else { continue };
                let filter = match config.get("filter").and_then(toml::Value::as_table) {
                    None => TableFilter::All,
                    Some(f) => {
                        let mut compile = |key: &str| -> Option<Vec<regex::Regex>> {
                            let list = f.get(key)?.as_array()?;
                            let mut res = Vec::new();
                            for p in list.iter().filter_map(toml::Value::as_str) {
                                match regex::Regex::new(p) {
                                    Ok(r) => res.push(r),
                                    Err(e) => findings.push(
                                        Finding::new(UNSUPPORTED_CONSTRUCT, whole, format!("The table filter `{p}` in `diesel.toml` is not a valid regular expression ({e}); it was ignored"))
                                            .with_help("diesel refuses it too; fix the pattern"),
                                    ),
                                }
                            }
                            Some(res)
                        };
                        match (compile("only_tables"), compile("except_tables")) {
                            (Some(only), _) => TableFilter::Only(only),
                            (None, Some(except)) => TableFilter::Except(except),
                            (None, None) => TableFilter::All,
                        }
                    }
                };
                out.print_schema.push(PrintSchema {
                    file: file_path.to_owned(),
                    schema: config.get("schema").and_then(toml::Value::as_str).map(str::to_owned),
                    filter,
                });
            }
        }
        (out, findings)
    }
}

/// A `table!` as written.
struct TableDecl {
    schema: Option<String>,
    /// The Rust name, which `joinable!` uses.
    rust_name: String,
    sql_name: String,
    primary_key: Vec<(String, Span)>,
    columns: Vec<ColumnDecl>,
    span: Span,
}

struct ColumnDecl {
    rust_name: String,
    sql_name: String,
    ty: syn::TypePath,
    max_length: Option<u32>,
    span: Span,
}

/// Reads a `schema.rs`; `source` names it in messages ("diesel's `src/schema.rs`") and
/// `print` is the `diesel.toml` configuration that writes it, if any.
pub fn diesel_schema(
    file: FileId,
    text: &str,
    dialect: Dialect,
    source: String,
    print: Option<&PrintSchema>,
) -> (Option<DeclaredSchema>, Vec<Finding>) {
    with_spans(|| {
        let (src, ast) = match Source::parse(file, text) {
            Ok(parsed) => parsed,
            Err(f) => return (None, vec![*f]),
        };
        let mut cx = Reader {
            src: &src,
            findings: Vec::new(),
            tables: Vec::new(),
            joins: Vec::new(),
            sql_types: BTreeMap::new(),
        };
        cx.items(&ast.items);
        let ops = cx.ops(dialect);
        let mut scope = DeclaredScope { foreign_keys: ForeignKeyCoverage::DieselJoinable, ..DeclaredScope::default() };
        if dialect == Dialect::Postgres {
            let schema = print.and_then(|p| p.schema.clone()).unwrap_or_else(|| "public".to_owned());
            scope.schemas = Some(vec![Ident::new(&schema, true, dialect)]);
        }
        if let Some(filter) = print.map(|p| p.filter.clone())
            && !matches!(filter, TableFilter::All)
        {
            scope.excluded_tables = Some(Arc::new(move |name: &str| !filter.prints(name)));
        }
        (Some(DeclaredSchema { source, ops, scope }), cx.findings)
    })
}

struct Reader<'s, 'a> {
    src: &'s Source<'a>,
    findings: Vec<Finding>,
    tables: Vec<TableDecl>,
    /// `joinable!(child -> parent (column))`, by Rust names.
    joins: Vec<(String, String, String, Span)>,
    /// `sql_types::Foo` structs: Rust name to the database type they stand for.
    sql_types: BTreeMap<String, String>,
}

impl Reader<'_, '_> {
    fn items(&mut self, items: &[syn::Item]) {
        for item in items {
            match item {
                syn::Item::Macro(m) => self.macro_item(&m.mac),
                syn::Item::Mod(m) => {
                    if let Some((_, inner)) = &m.content {
                        self.items(inner);
                    }
                }
                syn::Item::Struct(s) => {
                    if let Some(name) = sql_type_name(&s.attrs) {
                        self.sql_types.insert(s.ident.to_string(), name);
                    }
                }
                _ => {}
            }
        }
    }

    fn macro_item(&mut self, mac: &syn::Macro) {
        let name = mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        let span = self.src.span_of(mac);
        match name.as_str() {
            "table" => {
                let src = self.src;
                let parser = |input: ParseStream<'_>| {
                    let mut tables = Vec::new();
                    while !input.is_empty() {
                        tables.push(parse_table(src, input)?);
                    }
                    Ok(tables)
                };
                match parser.parse2(mac.tokens.clone()) {
                    Ok(tables) => self.tables.extend(tables),
                    Err(e) => self.findings.push(
                        Finding::new(
                            UNPARSED_STATEMENT,
                            self.src.error_span(&e, span),
                            format!("This `table!` could not be read ({e}); the table it declares is not compared with the migrations"),
                        )
                        .with_help("diesel's `print-schema` writes `table!` in a form schemagraph reads; regenerate the file, or fix the declaration"),
                    ),
                }
            }
            "joinable" => {
                let parser = |input: ParseStream<'_>| {
                    let child: syn::Ident = input.parse()?;
                    input.parse::<syn::Token![->]>()?;
                    let parent: syn::Ident = input.parse()?;
                    let content;
                    syn::parenthesized!(content in input);
                    let column: syn::Ident = content.parse()?;
                    Ok((unraw(&child), unraw(&parent), unraw(&column)))
                };
                match parser.parse2(mac.tokens.clone()) {
                    Ok((child, parent, column)) => self.joins.push((child, parent, column, span)),
                    Err(e) => self.findings.push(Finding::new(
                        UNPARSED_STATEMENT,
                        self.src.error_span(&e, span),
                        format!("This `joinable!` could not be read ({e}); its foreign key is not compared with the migrations"),
                    )),
                }
            }
            _ => {}
        }
    }

    /// The declared state as ops: one `CreateTable` per `table!`, then one foreign key per
    /// `joinable!`.
    fn ops(&mut self, dialect: Dialect) -> Vec<Op> {
        let ident = |name: &str| Ident::new(name, true, dialect);
        let mut ops = Vec::new();
        let mut by_rust_name: BTreeMap<&str, &TableDecl> = BTreeMap::new();
        for t in &self.tables {
            by_rust_name.insert(&t.rust_name, t);
            let sql_of = |rust: &str| {
                t.columns.iter().find(|c| c.rust_name == rust).map_or(rust, |c| c.sql_name.as_str()).to_owned()
            };
            let columns = t
                .columns
                .iter()
                .map(|c| {
                    let (ty, nullable) = column_type(&c.ty, c.max_length, &self.sql_types, dialect);
                    ColumnDef {
                        name: ident(&c.sql_name),
                        ty,
                        nullable: Some(nullable),
                        default: None,
                        generated: None,
                        constraints: Vec::new(),
                        auto_increment: false,
                        comment: None,
                        span: c.span,
                    }
                })
                .collect();
            let pk_span = t.primary_key.iter().map(|(_, s)| *s).reduce(Span::cover).unwrap_or(t.span);
            let pk_names: Vec<Ident> = if t.primary_key.is_empty() {
                // diesel's default primary key.
                vec![ident(&sql_of("id"))]
            } else {
                t.primary_key.iter().map(|(rust, _)| ident(&sql_of(rust))).collect()
            };
            let constraints = vec![Constraint {
                name: None,
                kind: ConstraintKind::PrimaryKey { columns: pk_names, using_index: None },
                not_valid: false,
                span: pk_span,
            }];
            ops.push(Op::new(
                OpKind::CreateTable(CreateTable {
                    name: ObjectName::new(t.schema.as_deref().map(ident), ident(&t.sql_name)),
                    if_not_exists: false,
                    temporary: false,
                    columns,
                    constraints,
                    partition_of: None,
                    partitioned: false,
                    like: None,
                    as_select: false,
                }),
                t.span,
            ));
        }
        for (child, parent, column, span) in &self.joins {
            let (Some(c), Some(p)) = (by_rust_name.get(child.as_str()), by_rust_name.get(parent.as_str())) else {
                self.findings.push(Finding::new(
                    UNSUPPORTED_CONSTRUCT,
                    *span,
                    format!(
                        "`joinable!({child} -> {parent} ({column}))` names a table no `table!` declares; it was skipped"
                    ),
                ));
                continue;
            };
            let column_sql =
                c.columns.iter().find(|x| &x.rust_name == column).map_or(column.as_str(), |x| x.sql_name.as_str());
            let fk = ForeignKeyDef {
                columns: vec![ident(column_sql)],
                references: ObjectName::new(p.schema.as_deref().map(ident), ident(&p.sql_name)),
                // The referenced table's primary key, which is what `joinable!` joins on.
                referenced_columns: Vec::new(),
                on_delete: None,
                on_update: None,
                deferrable: false,
            };
            ops.push(Op::new(
                OpKind::AddConstraint {
                    table: ObjectName::new(c.schema.as_deref().map(ident), ident(&c.sql_name)),
                    constraint: Constraint {
                        name: None,
                        kind: ConstraintKind::ForeignKey(fk),
                        not_valid: false,
                        span: *span,
                    },
                },
                *span,
            ));
        }
        ops
    }
}

fn unraw(ident: &syn::Ident) -> String {
    use syn::ext::IdentExt;
    ident.unraw().to_string()
}

/// `#[sql_name = "x"]` among `attrs`.
fn attr_str(attrs: &[syn::Attribute], name: &str) -> Option<String> {
    attrs.iter().find(|a| a.path().is_ident(name)).and_then(|a| match &a.meta {
        syn::Meta::NameValue(nv) => match &nv.value {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => Some(i.base10_digits().to_owned()),
            _ => None,
        },
        _ => None,
    })
}

/// `#[diesel(postgres_type(name = "x", schema = "s"))]` (or `mysql_type`/`sqlite_type`)
/// on a `sql_types` struct: the database type it stands for.
fn sql_type_name(attrs: &[syn::Attribute]) -> Option<String> {
    let mut found = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("diesel")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("postgres_type")
                || meta.path.is_ident("mysql_type")
                || meta.path.is_ident("sqlite_type")
            {
                let mut name = None;
                let mut schema = None;
                meta.parse_nested_meta(|inner| {
                    let value: syn::LitStr = inner.value()?.parse()?;
                    if inner.path.is_ident("name") {
                        name = Some(value.value());
                    } else if inner.path.is_ident("schema") {
                        schema = Some(value.value());
                    }
                    Ok(())
                })?;
                found = name.map(|n| match schema {
                    Some(s) => format!("{s}.{n}"),
                    None => n,
                });
            } else if let Ok(v) = meta.value() {
                // Another `key = value` setting: read past it.
                let _: syn::Expr = v.parse()?;
            }
            Ok(())
        });
    }
    found
}

fn parse_table(src: &Source<'_>, input: ParseStream<'_>) -> syn::Result<TableDecl> {
    while input.peek(syn::Token![use]) {
        input.parse::<syn::ItemUse>()?;
    }
    let attrs = input.call(syn::Attribute::parse_outer)?;
    let first: syn::Ident = input.call(syn::ext::IdentExt::parse_any)?;
    let name_start = first.span();
    let (schema, name) = if input.peek(syn::Token![.]) {
        input.parse::<syn::Token![.]>()?;
        let name: syn::Ident = input.call(syn::ext::IdentExt::parse_any)?;
        (Some(unraw(&first)), name)
    } else {
        (None, first)
    };
    let mut primary_key = Vec::new();
    if input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in input);
        let keys =
            Punctuated::<syn::Ident, syn::Token![,]>::parse_terminated_with(&content, syn::ext::IdentExt::parse_any)?;
        primary_key = keys.iter().map(|k| (unraw(k), src.span_of(k))).collect();
    }
    let content;
    let brace = syn::braced!(content in input);
    let mut columns = Vec::new();
    while !content.is_empty() {
        let attrs = content.call(syn::Attribute::parse_outer)?;
        let ident: syn::Ident = content.call(syn::ext::IdentExt::parse_any)?;
        content.parse::<syn::Token![->]>()?;
        let ty: syn::TypePath = content.parse()?;
        let start = attrs.first().map_or(ident.span(), |a| a.span());
        let span = src.cover(start, ty.span());
        columns.push(ColumnDecl {
            rust_name: unraw(&ident),
            sql_name: attr_str(&attrs, "sql_name").unwrap_or_else(|| unraw(&ident)),
            max_length: attr_str(&attrs, "max_length").and_then(|n| n.parse().ok()),
            ty,
            span,
        });
        if content.is_empty() {
            break;
        }
        content.parse::<syn::Token![,]>()?;
    }
    let start = attrs.first().map_or(name_start, |a| a.span());
    Ok(TableDecl {
        sql_name: attr_str(&attrs, "sql_name").unwrap_or_else(|| unraw(&name)),
        rust_name: unraw(&name),
        schema,
        primary_key,
        columns,
        span: src.cover(start, brace.span.close()),
    })
}

/// The SQL type a diesel type stands for, and whether the column may be NULL.
fn column_type(
    ty: &syn::TypePath,
    max_length: Option<u32>,
    sql_types: &BTreeMap<String, String>,
    dialect: Dialect,
) -> (TypeRef, bool) {
    let (text, nullable) = type_text(ty, max_length, sql_types, dialect);
    (TypeRef::parse(&text, dialect), nullable)
}

fn generic_arg(seg: &syn::PathSegment) -> Option<&syn::TypePath> {
    match &seg.arguments {
        syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
            syn::GenericArgument::Type(syn::Type::Path(p)) => Some(p),
            _ => None,
        }),
        _ => None,
    }
}

fn type_text(
    ty: &syn::TypePath,
    max_length: Option<u32>,
    sql_types: &BTreeMap<String, String>,
    dialect: Dialect,
) -> (String, bool) {
    let Some(seg) = ty.path.segments.last() else { return ("text".into(), false) };
    let name = seg.ident.to_string();
    let inner =
        || generic_arg(seg).map(|t| type_text(t, max_length, sql_types, dialect).0).unwrap_or_else(|| "text".into());
    let pg = dialect == Dialect::Postgres;
    let text = match name.as_str() {
        "Nullable" => return (inner(), true),
        "Array" => format!("{}[]", inner()),
        "Unsigned" => format!("{} unsigned", inner()),
        "Range" => match inner().as_str() {
            "integer" => "int4range".into(),
            "bigint" => "int8range".into(),
            "numeric" => "numrange".into(),
            "timestamp" => "tsrange".into(),
            "timestamp with time zone" => "tstzrange".into(),
            "date" => "daterange".into(),
            other => format!("{other}range"),
        },
        "Bool" => "boolean".into(),
        "TinyInt" | "Tinyint" => "tinyint".into(),
        "SmallInt" | "Int2" | "Smallint" => "smallint".into(),
        "Integer" | "Int4" => "integer".into(),
        "BigInt" | "Int8" | "Bigint" => "bigint".into(),
        "Float" | "Float4" => "real".into(),
        "Double" | "Float8" => "double precision".into(),
        "Numeric" | "Decimal" => "numeric".into(),
        "Text" | "LongText" | "MediumText" | "TinyText" => "text".into(),
        "VarChar" | "Varchar" => match max_length {
            Some(n) => format!("varchar({n})"),
            None if pg => "varchar".into(),
            None => "text".into(),
        },
        "Char" | "Bpchar" => match max_length {
            Some(n) => format!("char({n})"),
            None => "char".into(),
        },
        "Date" => "date".into(),
        "Time" => "time".into(),
        "Timestamp" => "timestamp".into(),
        "Timestamptz" | "TimestamptzSqlite" => "timestamptz".into(),
        "Datetime" => "datetime".into(),
        "Interval" => "interval".into(),
        "Uuid" => "uuid".into(),
        "Json" => "json".into(),
        "Jsonb" => "jsonb".into(),
        "Binary" | "Bytea" | "Blob" | "TinyBlob" | "MediumBlob" | "LongBlob" | "VarBinary" => {
            if pg {
                "bytea".into()
            } else {
                "blob".into()
            }
        }
        "Inet" => "inet".into(),
        "Cidr" => "cidr".into(),
        "MacAddr" => "macaddr".into(),
        "MacAddr8" => "macaddr8".into(),
        "Money" => "money".into(),
        "Oid" => "oid".into(),
        "Int4range" => "int4range".into(),
        "Int8range" => "int8range".into(),
        "Numrange" => "numrange".into(),
        "Tsrange" => "tsrange".into(),
        "Tstzrange" => "tstzrange".into(),
        "Daterange" => "daterange".into(),
        "Citext" => "citext".into(),
        "TsVector" | "Tsvector" => "tsvector".into(),
        "TsQuery" | "Tsquery" => "tsquery".into(),
        other => match sql_types.get(other) {
            Some(db_name) => db_name.clone(),
            // A type from another crate (`diesel_ltree::sql_types::Ltree`): its name is the
            // database type's, in diesel's convention.
            None => crate::names::snake_case(other),
        },
    };
    (text, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diesel_toml_paths_and_filters() {
        let text = "[print_schema]\nfile = \"src/schema.rs\"\nfilter = { except_tables = [\"^previously_run_sql$\", \"spatial\"] }\n\n[print_schema.audit]\nfile = \"src/audit_schema.rs\"\nschema = \"audit\"\n\n[migrations_directory]\ndir = \"db/migrations\"\n";
        let (toml, findings) = DieselToml::parse(FileId(0), text);
        assert!(findings.is_empty());
        assert_eq!(toml.migrations_dir.as_deref(), Some("db/migrations"));
        let files: Vec<(&str, Option<&str>)> =
            toml.print_schema.iter().map(|p| (p.file.as_str(), p.schema.as_deref())).collect();
        assert_eq!(files, vec![("src/schema.rs", None), ("src/audit_schema.rs", Some("audit"))]);
        let filter = &toml.print_schema[0].filter;
        assert!(!filter.prints("previously_run_sql"));
        assert!(!filter.prints("spatial_ref_sys"), "diesel's patterns match anywhere in the name");
        assert!(filter.prints("users"));
    }

    #[test]
    fn invalid_toml_is_reported() {
        let (_, findings) = DieselToml::parse(FileId(0), "[print_schema\nfile = 1\n");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule, UNPARSED_STATEMENT);
    }
}
