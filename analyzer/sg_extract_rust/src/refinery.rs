//! refinery's Rust migrations: `V{n}__{name}.rs` with a `migration()` function returning
//! the SQL.
//!
//! ```text
//! pub fn migration() -> String {
//!     "CREATE TABLE tenants (id uuid PRIMARY KEY)".to_string()       // resolved
//! }
//! pub fn migration() -> String {
//!     format!("ALTER TABLE {} ADD COLUMN note text", TABLE)            // resolved, TABLE a const
//! }
//! pub fn migration() -> String {
//!     let mut m = barrel::Migration::new();
//!     m.create_table("users", |t| { t.add_column("name", types::varchar(255)); });
//!     m.make::<Pg>()                                                   // barrel: opaque
//! }
//! ```
//!
//! barrel's generated SQL depends on its version and backend (whether it adds an `id`
//! column, which columns are NOT NULL), so its table builders are reported, not guessed;
//! `inject_custom("SQL")` and the plain drops and renames are read.

use sg_extract_sql::{Extraction, extract_sql};
use sg_model::finding::builtin::UNSUPPORTED_CONSTRUCT;
use sg_model::{Dialect, FileId, Finding, Ident, ObjectName, Op, OpKind, Span};

use crate::SourceSet;
use crate::source::{Source, with_spans};
use crate::strings::{Bindings, StrCx, Unresolved, resolve};

/// Extracts the up part of one refinery Rust migration (refinery has no down migrations).
pub fn refinery_migration(sources: &dyn SourceSet, file: FileId, dialect: Dialect) -> Extraction {
    with_spans(|| {
        let text = sources.text(file);
        let (src, ast) = match Source::parse(file, text) {
            Ok(parsed) => parsed,
            Err(f) => {
                let reason = "the file could not be parsed as Rust".to_owned();
                return Extraction { ops: vec![Op::new(OpKind::Opaque { reason }, f.span)], findings: vec![*f] };
            }
        };
        let mut out = Extraction::default();
        let Some(func) = ast.items.iter().find_map(|i| match i {
            syn::Item::Fn(f) if f.sig.ident == "migration" => Some(f),
            _ => None,
        }) else {
            let span = Span::new(file, 0, 0);
            opaque(&mut out, span, "the file has no `migration()` function, which refinery requires".into());
            return out;
        };
        let mut bindings = Bindings::of_file(&ast);
        let cx = Cx { src: &src, sources, dialect };
        let stmts = &func.block.stmts;
        let barrel = stmts.iter().any(|s| matches!(s, syn::Stmt::Local(l) if is_barrel_new(l)));
        for (i, stmt) in stmts.iter().enumerate() {
            let last = i + 1 == stmts.len();
            match stmt {
                syn::Stmt::Local(local) => {
                    if let (syn::Pat::Ident(p), Some(init)) = (&local.pat, &local.init) {
                        bindings.bind(p.ident.to_string(), (*init.expr).clone());
                    }
                }
                syn::Stmt::Expr(expr, semi) if barrel => {
                    cx.barrel_call(expr, &bindings, &mut out, last && semi.is_none())
                }
                syn::Stmt::Expr(syn::Expr::Return(r), _) => {
                    if let Some(e) = &r.expr {
                        cx.sql(e, &bindings, &mut out);
                    }
                }
                syn::Stmt::Expr(expr, None) if last => cx.sql(expr, &bindings, &mut out),
                _ => {}
            }
        }
        out
    })
}

fn is_barrel_new(local: &syn::Local) -> bool {
    let Some(init) = &local.init else { return false };
    let syn::Expr::Call(call) = &*init.expr else { return false };
    let syn::Expr::Path(p) = &*call.func else { return false };
    let names: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
    names.ends_with(&["Migration".to_owned(), "new".to_owned()])
}

fn opaque(out: &mut Extraction, span: Span, reason: String) {
    out.findings.push(Finding::new(UNSUPPORTED_CONSTRUCT, span, format!("Skipped: {reason}")).with_help(
        "the schema model may miss what this migration does; later findings about these objects can be wrong",
    ));
    out.ops.push(Op::new(OpKind::Opaque { reason }, span));
}

struct Cx<'s, 'a> {
    src: &'s Source<'a>,
    sources: &'s dyn SourceSet,
    dialect: Dialect,
}

impl Cx<'_, '_> {
    /// SQL returned as a string expression.
    fn sql(&self, expr: &syn::Expr, bindings: &Bindings, out: &mut Extraction) {
        let cx = StrCx { src: self.src, sources: self.sources, bindings };
        match resolve(&cx, expr) {
            Ok(pieces) => {
                let map = pieces.offset_map(self.src.span_of(expr));
                out.extend(extract_sql(&pieces.text, &map, self.dialect));
            }
            Err(Unresolved { reason, span }) => {
                opaque(out, span, format!("the SQL `migration()` returns is built at run time: {reason}"));
            }
        }
    }

    /// One statement of a barrel migration: `m.inject_custom("...")`, a drop or a rename
    /// is read; a table builder is reported.
    fn barrel_call(&self, expr: &syn::Expr, bindings: &Bindings, out: &mut Extraction, tail: bool) {
        let syn::Expr::MethodCall(mc) = expr else { return };
        let span = self.src.span_of(expr);
        let method = mc.method.to_string();
        let str_arg = |i: usize| -> Option<String> {
            let cx = StrCx { src: self.src, sources: self.sources, bindings };
            mc.args.get(i).and_then(|a| resolve(&cx, a).ok()).map(|p| p.text)
        };
        let name = |s: &str| ObjectName::unqualified(Ident::new(s, true, self.dialect));
        match method.as_str() {
            "inject_custom" => match mc.args.first() {
                Some(arg) => self.sql(arg, bindings, out),
                None => opaque(out, span, "`inject_custom` without SQL".into()),
            },
            "drop_table" | "drop_table_if_exists" => match str_arg(0) {
                Some(t) => out.ops.push(Op::new(
                    OpKind::DropTable { name: name(&t), if_exists: method.ends_with("if_exists"), cascade: false },
                    span,
                )),
                None => opaque(out, span, format!("barrel `{method}` of a table named at run time")),
            },
            "rename_table" => match (str_arg(0), str_arg(1)) {
                (Some(from), Some(to)) => out.ops.push(Op::new(
                    OpKind::RenameTable { table: name(&from), new_name: Ident::new(&to, true, self.dialect) },
                    span,
                )),
                _ => opaque(out, span, "barrel `rename_table` of tables named at run time".into()),
            },
            "make" if tail => {}
            "create_table" | "create_table_if_not_exists" | "change_table" => opaque(
                out,
                span,
                format!(
                    "barrel `{method}`: the SQL barrel generates for it depends on barrel's version and backend (implicit `id` columns, default nullability, type names), so it is not guessed"
                ),
            ),
            other => opaque(out, span, format!("barrel `{other}` is not understood")),
        }
    }
}
