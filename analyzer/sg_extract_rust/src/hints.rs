//! What a Rust source says about where migrations live, for discovery.
//!
//! ```text
//! sqlx::migrate!("db/changes")                 sqlx, relative to the crate root
//! sqlx::migrate!()                              sqlx, `migrations/` of the crate
//! Migrator::new(Path::new("./db/changes"))     sqlx at run time
//! refinery::embed_migrations!("sql")           refinery, relative to the crate root
//! diesel_migrations::embed_migrations!()       diesel, `migrations/` found upwards
//! impl MigratorTrait for Migrator { ... }      a SeaORM migration crate
//! include_str!("../sql/init.sql")              a file the migrations read
//! ```
//!
//! Macros are matched by their last path segment; a bare `embed_migrations!` belongs to
//! whichever of diesel and refinery the file imports.

use syn::punctuated::Punctuated;
use syn::visit::Visit;

use crate::source::{Source, with_spans};

/// A migration directory named in code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirRef {
    pub tool: Tool,
    /// As written, relative to the crate root (`CARGO_MANIFEST_DIR`); `None` for the tool's
    /// default.
    pub path: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tool {
    Sqlx,
    Refinery,
    Diesel,
    /// `embed_migrations!` in a file that imports neither diesel nor refinery by name; the
    /// crate's dependencies decide.
    EmbedUnknown,
}

/// Everything discovery needs to know about one Rust file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RustHints {
    pub dirs: Vec<DirRef>,
    /// The file implements SeaORM's `MigratorTrait`.
    pub seaorm_migrator: bool,
    /// Paths given to `include_str!`, relative to the file.
    pub includes: Vec<String>,
}

/// Whether `text` can hold anything [`scan`] looks for; a cheap test before parsing.
pub fn worth_scanning(text: &str) -> bool {
    ["migrate!", "Migrator::new", "embed_migrations!", "MigratorTrait"].iter().any(|n| text.contains(n))
}

/// Reads the hints of one file. A file that does not parse has none; the extraction that
/// reads it reports why.
pub fn scan(text: &str) -> RustHints {
    with_spans(|| {
        let Ok((_, ast)) = Source::parse(sg_model::FileId(0), text) else { return RustHints::default() };
        let imports = text.contains("refinery") as u8 | ((text.contains("diesel_migrations") as u8) << 1);
        let mut v = Scan { hints: RustHints::default(), imports };
        v.visit_file(&ast);
        v.hints.dirs.dedup();
        v.hints
    })
}

/// The `include_str!` paths of a file.
pub fn includes(text: &str) -> Vec<String> {
    if !text.contains("include_str!") {
        return Vec::new();
    }
    with_spans(|| {
        let Ok((_, ast)) = Source::parse(sg_model::FileId(0), text) else { return Vec::new() };
        let mut v = Scan { hints: RustHints::default(), imports: 0 };
        v.visit_file(&ast);
        v.hints.includes
    })
}

struct Scan {
    hints: RustHints,
    /// Bit 0: the file mentions refinery; bit 1: diesel_migrations.
    imports: u8,
}

fn first_str_arg(mac: &syn::Macro) -> Option<String> {
    let args = mac.parse_body_with(Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated).ok()?;
    match args.first()? {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
        _ => None,
    }
}

impl<'ast> Visit<'ast> for Scan {
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let segments: Vec<String> = mac.path.segments.iter().map(|s| s.ident.to_string()).collect();
        let name = segments.last().map(String::as_str).unwrap_or("");
        let qualifier = segments.len().checked_sub(2).and_then(|i| segments.get(i)).map(String::as_str);
        let empty = mac.tokens.is_empty();
        match name {
            "migrate" if qualifier.is_none_or(|q| q == "sqlx") => {
                let path = if empty { None } else { first_str_arg(mac) };
                if empty || path.is_some() {
                    self.hints.dirs.push(DirRef { tool: Tool::Sqlx, path });
                }
            }
            "embed_migrations" => {
                let tool = match qualifier {
                    Some("refinery") => Tool::Refinery,
                    Some("diesel_migrations") => Tool::Diesel,
                    _ => match self.imports {
                        1 => Tool::Refinery,
                        2 => Tool::Diesel,
                        _ => Tool::EmbedUnknown,
                    },
                };
                let path = if empty { None } else { first_str_arg(mac) };
                if empty || path.is_some() {
                    self.hints.dirs.push(DirRef { tool, path });
                }
            }
            "include_str" => {
                if let Some(p) = first_str_arg(mac) {
                    self.hints.includes.push(p);
                }
            }
            _ => {}
        }
        syn::visit::visit_macro(self, mac);
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        // `Migrator::new(Path::new("db/changes"))`, sqlx's run-time form.
        if let syn::Expr::Path(f) = &*call.func {
            let names: Vec<String> = f.path.segments.iter().map(|s| s.ident.to_string()).collect();
            if names.ends_with(&["Migrator".to_owned(), "new".to_owned()])
                && let Some(syn::Expr::Call(inner)) = call.args.first()
                && let syn::Expr::Path(p) = &*inner.func
                && p.path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect::<Vec<_>>()
                    .ends_with(&["Path".to_owned(), "new".to_owned()])
                && let Some(syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. })) = inner.args.first()
            {
                self.hints.dirs.push(DirRef { tool: Tool::Sqlx, path: Some(s.value()) });
            }
        }
        syn::visit::visit_expr_call(self, call);
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        if let Some((path, _)) = &item.trait_
            && path.segments.last().is_some_and(|s| s.ident == "MigratorTrait")
        {
            self.hints.seaorm_migrator = true;
        }
        syn::visit::visit_item_impl(self, item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_tools_directories() {
        let text = r#"
            use refinery::embed_migrations;
            embed_migrations!("sql/refinery");
            static M: sqlx::migrate::Migrator = sqlx::migrate!("db/changes");
            fn run() { let m = Migrator::new(Path::new("./runtime")); let d = sqlx::migrate!(); }
            fn sql() -> &'static str { include_str!("../x.sql") }
        "#;
        let h = scan(text);
        assert_eq!(
            h.dirs,
            vec![
                DirRef { tool: Tool::Refinery, path: Some("sql/refinery".into()) },
                DirRef { tool: Tool::Sqlx, path: Some("db/changes".into()) },
                DirRef { tool: Tool::Sqlx, path: Some("./runtime".into()) },
                DirRef { tool: Tool::Sqlx, path: None },
            ]
        );
        assert_eq!(h.includes, vec!["../x.sql".to_owned()]);
        assert!(!h.seaorm_migrator);
    }

    #[test]
    fn diesel_embed_and_seaorm_migrator() {
        let h = scan("pub const M: EmbeddedMigrations = diesel_migrations::embed_migrations!();");
        assert_eq!(h.dirs, vec![DirRef { tool: Tool::Diesel, path: None }]);
        let h = scan("impl MigratorTrait for Migrator { fn migrations() -> Vec<Box<dyn MigrationTrait>> { vec![] } }");
        assert!(h.seaorm_migrator);
    }
}
