//! SeaORM migration crates: the migrator's vector gives the order, each migration's `up`
//! and `down` give the ops.
//!
//! ```text
//! // src/lib.rs
//! mod m20240102_000001_create_post;
//! mod m20240101_000001_create_user;
//! impl MigratorTrait for Migrator {
//!     fn migrations() -> Vec<Box<dyn MigrationTrait>> {
//!         vec![
//!             Box::new(m20240102_000001_create_post::Migration),   // runs first,
//!             Box::new(m20240101_000001_create_user::Migration),   // whatever the names say
//!         ]
//!     }
//! }
//! // src/m20240101_000001_create_user.rs
//! #[derive(DeriveMigrationName)]            // its name: the file's stem
//! pub struct Migration;
//! impl MigrationTrait for Migration { async fn up(..) {..} async fn down(..) {..} }
//! ```
//!
//! `Iden` enums may live in any file of the crate, so every file is parsed before the
//! migrations are read.

mod body;
mod iden;
mod types;

use std::collections::BTreeMap;

use sg_model::finding::builtin::UNSUPPORTED_CONSTRUCT;
use sg_model::migration::{OrderKey, VersionNumber};
use sg_model::{Dialect, FileId, Finding, Migration, Span};
use syn::punctuated::Punctuated;

use crate::SourceSet;
use crate::source::{Source, with_spans};
use crate::strings::Bindings;
use body::Interp;
use iden::Idens;

/// A SeaORM migration crate.
#[derive(Clone, Debug)]
pub struct SeaOrmCrate {
    /// The file that implements `MigratorTrait` (usually `src/lib.rs`).
    pub migrator: FileId,
    /// Every `.rs` file of the crate: modules and the `Iden` enums they define.
    pub files: Vec<FileId>,
}

/// What depends on the versions the crate uses.
#[derive(Clone, Copy, Debug, Default)]
pub struct SeaOrmOptions {
    /// sea-query 1.0 or later (SeaORM 2): auto-increment columns are identity columns, not
    /// `serial`, and unsigned integers widen on PostgreSQL.
    pub sea_query_1: bool,
}

/// One entry of the migrator's vector.
struct Entry {
    modules: Vec<String>,
    type_name: String,
    span: Span,
}

/// The migrations of a SeaORM crate, in the migrator's order.
pub fn seaorm_migrations(
    sources: &dyn SourceSet,
    krate: &SeaOrmCrate,
    dialect: Dialect,
    opts: SeaOrmOptions,
) -> (Vec<Migration>, Vec<Finding>) {
    with_spans(|| {
        let mut findings = Vec::new();
        let mut ids = krate.files.clone();
        ids.push(krate.migrator);
        ids.sort();
        ids.dedup();
        let mut parsed: BTreeMap<FileId, (Source<'_>, syn::File)> = BTreeMap::new();
        for id in ids {
            match Source::parse(id, sources.text(id)) {
                Ok(p) => {
                    parsed.insert(id, p);
                }
                Err(f) => findings.push(*f),
            }
        }
        let mut idens = Idens::default();
        for (id, (_, ast)) in &parsed {
            idens.add_file(*id, &ast.items);
        }
        let Some((msrc, mast)) = parsed.get(&krate.migrator) else { return (Vec::new(), findings) };
        let entries = match migrator_entries(msrc, &mast.items) {
            Ok(e) => e,
            Err(f) => {
                findings.push(*f);
                return (Vec::new(), findings);
            }
        };
        let mut migrations = Vec::new();
        for entry in entries {
            let found = locate(sources, &parsed, krate.migrator, &mast.items, &entry.modules)
                .or_else(|| by_file_name(sources, &parsed, &entry.modules));
            let Some((file, items)) = found else {
                findings.push(
                    Finding::new(
                        UNSUPPORTED_CONSTRUCT,
                        entry.span,
                        format!(
                            "The module of migration `{}` was not found; its changes are not analyzed",
                            entry.modules.join("::")
                        ),
                    )
                    .with_help(
                        "schemagraph follows `mod` declarations from the migrator's file; check the module path",
                    ),
                );
                continue;
            };
            let Some((src, ast)) = parsed.get(&file) else { continue };
            match migration(sources, src, ast, items, &entry, &idens, dialect, opts) {
                Ok((m, f)) => {
                    migrations.push(m);
                    findings.extend(f);
                }
                Err(f) => findings.push(*f),
            }
        }
        (migrations, findings)
    })
}

/// The entries of `fn migrations()` in `impl MigratorTrait`: `vec![Box::new(m1::Migration), ...]`
/// and `.push(Box::new(...))`, in order.
fn migrator_entries(src: &Source<'_>, items: &[syn::Item]) -> Result<Vec<Entry>, Box<Finding>> {
    let imp = find_impl(items, "MigratorTrait", None).ok_or_else(|| {
        Finding::new(
            UNSUPPORTED_CONSTRUCT,
            Span::new(src.file, 0, 0),
            "No `impl MigratorTrait` was found in this file".to_owned(),
        )
    })?;
    let func = imp
        .items
        .iter()
        .find_map(|i| match i {
            syn::ImplItem::Fn(f) if f.sig.ident == "migrations" => Some(f),
            _ => None,
        })
        .ok_or_else(|| {
            Finding::new(
                UNSUPPORTED_CONSTRUCT,
                src.span_of(&imp.self_ty),
                "This `MigratorTrait` implementation has no `migrations()` function; no migrations were read"
                    .to_owned(),
            )
        })?;
    let mut elements: Vec<syn::Expr> = Vec::new();
    collect_elements(&func.block.stmts, &mut elements);
    let mut entries = Vec::new();
    for e in elements {
        let span = src.span_of(&e);
        let inner = match &e {
            syn::Expr::Call(c) if path_of(&c.func).ends_with(&["Box".to_owned(), "new".to_owned()]) => {
                c.args.first().cloned()
            }
            other => Some(other.clone()),
        };
        let segments = match inner {
            Some(syn::Expr::Path(p)) => path_of(&syn::Expr::Path(p)),
            Some(syn::Expr::Struct(s)) => s.path.segments.iter().map(|s| s.ident.to_string()).collect(),
            _ => Vec::new(),
        };
        let Some((type_name, modules)) = segments.split_last() else {
            return Err(Box::new(Finding::new(
                UNSUPPORTED_CONSTRUCT,
                span,
                format!(
                    "`{}` in the migrator's vector is not a migration schemagraph can find; the migrations were not read",
                    src.text_of(span)
                ),
            )));
        };
        let modules = modules.iter().filter(|m| *m != "self").cloned().collect();
        entries.push(Entry { modules, type_name: type_name.clone(), span });
    }
    Ok(entries)
}

fn collect_elements(stmts: &[syn::Stmt], out: &mut Vec<syn::Expr>) {
    for stmt in stmts {
        let expr = match stmt {
            syn::Stmt::Expr(e, _) => e,
            syn::Stmt::Local(l) => match &l.init {
                Some(init) => &*init.expr,
                None => continue,
            },
            _ => continue,
        };
        collect_from_expr(expr, out);
    }
}

fn collect_from_expr(expr: &syn::Expr, out: &mut Vec<syn::Expr>) {
    match expr {
        syn::Expr::Macro(m) if m.mac.path.is_ident("vec") => {
            if let Ok(list) = m.mac.parse_body_with(Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated) {
                out.extend(list);
            }
        }
        syn::Expr::Array(a) => out.extend(a.elems.iter().cloned()),
        syn::Expr::MethodCall(mc) if mc.method == "push" => {
            collect_from_expr(&mc.receiver, out);
            out.extend(mc.args.iter().cloned());
        }
        syn::Expr::MethodCall(mc) => collect_from_expr(&mc.receiver, out),
        syn::Expr::Block(b) => collect_elements(&b.block.stmts, out),
        syn::Expr::Return(r) => {
            if let Some(e) = &r.expr {
                collect_from_expr(e, out);
            }
        }
        _ => {}
    }
}

fn path_of(expr: &syn::Expr) -> Vec<String> {
    match expr {
        syn::Expr::Path(p) => p.path.segments.iter().map(|s| s.ident.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// Follows `mod` declarations from the migrator's file to the module holding a migration.
fn locate<'p>(
    sources: &dyn SourceSet,
    parsed: &'p BTreeMap<FileId, (Source<'_>, syn::File)>,
    root: FileId,
    root_items: &'p [syn::Item],
    modules: &[String],
) -> Option<(FileId, &'p [syn::Item])> {
    let mut file = root;
    let mut items = root_items;
    for seg in modules {
        if seg == "crate" {
            file = root;
            items = root_items;
            continue;
        }
        let declared = items.iter().find_map(|i| match i {
            syn::Item::Mod(m) if m.ident == seg.as_str() => Some(m),
            _ => None,
        });
        match declared.and_then(|m| m.content.as_ref()) {
            Some((_, inner)) => items = inner,
            None => {
                let path_attr = declared.and_then(|m| path_attr(&m.attrs));
                let next = sources.module(file, seg, path_attr.as_deref())?;
                items = &parsed.get(&next)?.1.items;
                file = next;
            }
        }
    }
    Some((file, items))
}

/// A module the migrator reaches through a `use` (`use crate::migrations::*;`) rather than
/// its own `mod` declarations: the one file of the crate named after it (`m1.rs` or
/// `m1/mod.rs`), if exactly one is.
fn by_file_name<'p>(
    sources: &dyn SourceSet,
    parsed: &'p BTreeMap<FileId, (Source<'_>, syn::File)>,
    modules: &[String],
) -> Option<(FileId, &'p [syn::Item])> {
    let last = modules.last()?;
    let (plain, nested) = (format!("/{last}.rs"), format!("/{last}/mod.rs"));
    let mut found = parsed.iter().filter(|(id, _)| {
        let path = format!("/{}", sources.path(**id));
        path.ends_with(&plain) || path.ends_with(&nested)
    });
    let (id, (_, ast)) = found.next()?;
    found.next().is_none().then_some((*id, ast.items.as_slice()))
}

fn path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find(|a| a.path().is_ident("path")).and_then(|a| match &a.meta {
        syn::Meta::NameValue(nv) => match &nv.value {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

/// `impl <trait_name> for <type_name>` among `items` (and inline modules).
fn find_impl<'i>(items: &'i [syn::Item], trait_name: &str, type_name: Option<&str>) -> Option<&'i syn::ItemImpl> {
    items.iter().find_map(|i| match i {
        syn::Item::Impl(imp) => {
            let is_trait =
                imp.trait_.as_ref().is_some_and(|(p, _)| p.segments.last().is_some_and(|s| s.ident == trait_name));
            let is_type = type_name.is_none_or(|t| match &*imp.self_ty {
                syn::Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == t),
                _ => false,
            });
            (is_trait && is_type).then_some(imp)
        }
        syn::Item::Mod(m) if type_name.is_none() => {
            m.content.as_ref().and_then(|(_, inner)| find_impl(inner, trait_name, None))
        }
        _ => None,
    })
}

/// The name a migration is recorded under: `MigrationName::name()`'s literal, or the file
/// stem `DeriveMigrationName` uses.
fn migration_name(sources: &dyn SourceSet, file: FileId, items: &[syn::Item], type_name: &str) -> Option<String> {
    if let Some(imp) = find_impl(items, "MigrationName", Some(type_name)) {
        for item in &imp.items {
            if let syn::ImplItem::Fn(f) = item
                && f.sig.ident == "name"
                && let Some(syn::Stmt::Expr(syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }), None)) =
                    f.block.stmts.last()
            {
                return Some(s.value());
            }
        }
        return None;
    }
    let path = sources.path(file);
    let name = path.rsplit('/').next().unwrap_or(path);
    Some(name.strip_suffix(".rs").unwrap_or(name).to_owned())
}

/// Orders by the name's bytes, so two entries with the same name are the same version.
fn name_key(name: &str) -> OrderKey {
    let version = name.bytes().map(|b| VersionNumber::new(&b.to_string())).collect();
    OrderKey { repeatable: false, version, tiebreak: name.to_owned() }
}

#[allow(clippy::too_many_arguments, reason = "each is a distinct input of one migration's extraction")]
fn migration(
    sources: &dyn SourceSet,
    src: &Source<'_>,
    ast: &syn::File,
    items: &[syn::Item],
    entry: &Entry,
    idens: &Idens,
    dialect: Dialect,
    opts: SeaOrmOptions,
) -> Result<(Migration, Vec<Finding>), Box<Finding>> {
    let imp = find_impl(items, "MigrationTrait", Some(&entry.type_name)).ok_or_else(|| {
        Box::new(Finding::new(
            UNSUPPORTED_CONSTRUCT,
            entry.span,
            format!(
                "No `impl MigrationTrait for {}` was found in its module; the migration was not read",
                entry.type_name
            ),
        ))
    })?;
    let name = migration_name(sources, src.file, items, &entry.type_name)
        .unwrap_or_else(|| entry.modules.last().cloned().unwrap_or_default());
    let mut findings = Vec::new();
    let mut run = |fn_name: &str| -> Option<Vec<sg_model::Op>> {
        let f = imp.items.iter().find_map(|i| match i {
            syn::ImplItem::Fn(f) if f.sig.ident == fn_name => Some(f),
            _ => None,
        })?;
        let mut interp = Interp::new(src, sources, idens, dialect, opts, &ast.items, Bindings::of_file(ast));
        interp.function(f);
        findings.append(&mut interp.out.findings);
        Some(interp.out.ops)
    };
    let up = run("up").unwrap_or_default();
    let down = run("down");
    let header = src.span(imp.impl_token.span).cover(src.span_of(&imp.self_ty));
    Ok((
        Migration {
            version: name.clone(),
            name: String::new(),
            key: name_key(&name),
            parents: Vec::new(),
            depends_on: Vec::new(),
            branch_labels: Vec::new(),
            parents_span: header,
            up,
            down,
            // sea-orm-migration runs each migration in a transaction on PostgreSQL only.
            transactional: dialect == Dialect::Postgres,
            file: src.file,
            down_file: None,
            span: header,
        },
        findings,
    ))
}
