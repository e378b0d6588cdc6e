//! The body of a SeaORM `MigrationTrait::up` or `down`, read statement by statement.
//!
//! ```text
//! manager.create_table(Table::create().table(Post::Table).if_not_exists()
//!     .col(pk_auto(Post::Id))
//!     .col(ColumnDef::new(Post::Title).string_len(200).not_null())
//!     .foreign_key(ForeignKey::create().from(Post::Table, Post::AuthorId).to(User::Table, User::Id)
//!         .on_delete(ForeignKeyAction::Cascade))
//!     .to_owned()).await?;                                  -> CreateTable with its FK
//! let db = manager.get_connection();
//! db.execute_unprepared("CREATE INDEX ...").await?;         -> the SQL extractor's ops
//! if !manager.has_column("post", "slug").await? { ... }     -> ops marked conditional
//! if manager.get_database_backend() == DbBackend::Sqlite { ... } else { ... }
//!                                                           -> the branch of the stream's dialect
//! for t in tables { manager.drop_table(...) }               -> opaque: a loop
//! ```
//!
//! A builder may be bound first (`let t = Table::create()...;`) and changed by later
//! statements (`t.col(...);`); the chain of calls is followed through the bindings. Code
//! that touches neither the schema manager nor its connection is ordinary Rust and has no
//! effect on the schema.

use std::collections::BTreeMap;

use sg_extract_sql::{Extraction, extract_sql};
use sg_model::finding::builtin::UNSUPPORTED_CONSTRUCT;
use sg_model::op::{
    ColumnDef, Constraint, ConstraintKind, CreateIndex, CreateTable, DataChangeKind, EnumChange, ForeignKeyDef,
    Generated, IndexKey, RefAction, TypeRef,
};
use sg_model::{Dialect, Expr, Finding, Ident, ObjectName, Op, OpKind, Span};
use syn::punctuated::Punctuated;
use syn::visit::Visit;

use super::SeaOrmOptions;
use super::iden::Idens;
use super::types::SeaType;
use crate::SourceSet;
use crate::source::Source;
use crate::strings::{Bindings, StrCx, Unresolved, resolve};

/// What a name stands for in a migration body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// The `SchemaManager` (`manager`).
    Manager,
    /// Its connection (`manager.get_connection()`).
    Conn,
    /// The database backend (`manager.get_database_backend()`).
    Backend,
}

/// Methods whose call changes the schema or runs SQL: a loop or an undecidable condition
/// around one of them hides what the migration does.
const EFFECT_METHODS: &[&str] = &[
    "create_table",
    "alter_table",
    "drop_table",
    "rename_table",
    "truncate_table",
    "create_index",
    "drop_index",
    "create_foreign_key",
    "drop_foreign_key",
    "create_type",
    "alter_type",
    "drop_type",
    "exec_stmt",
    "execute_unprepared",
    "execute",
    "execute_raw",
];

/// Methods that write rows when given a connection (`ActiveModel::update(db)`,
/// `Insert::exec(db)`).
const DATA_WRITES: &[&str] =
    &["insert", "update", "delete", "save", "exec", "exec_with_returning", "exec_without_returning"];

/// Builder methods that return the builder itself.
const PASS_THROUGH: &[&str] = &["to_owned", "take", "clone", "borrow_mut", "as_mut", "into", "into_iden", "to_string"];

/// How deep helper functions are followed.
const MAX_CALL_DEPTH: usize = 8;

/// A builder expression unrolled: its constructor and the calls on it, in order.
#[derive(Clone)]
struct Chain {
    /// The constructor's path (`Table::create`, `ColumnDef::new`, `pk_auto`).
    root: Vec<String>,
    root_args: Vec<syn::Expr>,
    root_span: Span,
    calls: Vec<Call>,
}

#[derive(Clone)]
struct Call {
    name: String,
    args: Vec<syn::Expr>,
    /// From the `.` to the closing parenthesis.
    span: Span,
}

impl Chain {
    fn root_is(&self, ty: &str, ctor: &str) -> bool {
        self.root.len() >= 2 && self.root[self.root.len() - 2] == ty && self.root[self.root.len() - 1] == ctor
    }

    fn root_fn(&self) -> Option<&str> {
        (self.root.len() == 1).then(|| self.root[0].as_str())
    }
}

pub(super) struct Interp<'s, 'a> {
    pub(super) src: &'s Source<'a>,
    pub(super) sources: &'s dyn SourceSet,
    pub(super) idens: &'s Idens,
    pub(super) dialect: Dialect,
    pub(super) opts: SeaOrmOptions,
    /// The file's items, for helper functions.
    pub(super) items: &'s [syn::Item],
    bindings: Bindings,
    roles: BTreeMap<String, Role>,
    /// Calls made on a bound builder by later statements (`t.col(...);`).
    mutations: BTreeMap<String, Vec<Call>>,
    conditional: bool,
    depth: usize,
    /// Functions declared inside the blocks being read, innermost last.
    local_fns: Vec<syn::ItemFn>,
    pub(super) out: Extraction,
}

type Res<T> = Result<T, Unresolved>;

impl<'s, 'a> Interp<'s, 'a> {
    pub(super) fn new(
        src: &'s Source<'a>,
        sources: &'s dyn SourceSet,
        idens: &'s Idens,
        dialect: Dialect,
        opts: SeaOrmOptions,
        items: &'s [syn::Item],
        file_bindings: Bindings,
    ) -> Interp<'s, 'a> {
        Interp {
            src,
            sources,
            idens,
            dialect,
            opts,
            items,
            bindings: file_bindings,
            roles: BTreeMap::new(),
            mutations: BTreeMap::new(),
            conditional: false,
            depth: 0,
            local_fns: Vec::new(),
            out: Extraction::default(),
        }
    }

    /// Reads `fn up(&self, manager: &SchemaManager)` (or `down`).
    pub(super) fn function(&mut self, f: &syn::ImplItemFn) {
        for input in &f.sig.inputs {
            if let syn::FnArg::Typed(t) = input
                && let syn::Pat::Ident(p) = &*t.pat
            {
                self.roles.insert(p.ident.to_string(), Role::Manager);
            }
        }
        self.block(&f.block);
    }

    fn block(&mut self, block: &syn::Block) {
        // A function may declare its helpers inside its own body.
        let outer = self.local_fns.len();
        for stmt in &block.stmts {
            if let syn::Stmt::Item(syn::Item::Fn(f)) = stmt {
                self.local_fns.push(f.clone());
            }
        }
        for stmt in &block.stmts {
            self.stmt(stmt);
        }
        self.local_fns.truncate(outer);
    }

    fn stmt(&mut self, stmt: &syn::Stmt) {
        match stmt {
            syn::Stmt::Local(local) => {
                let Some(init) = &local.init else { return };
                let name = match &local.pat {
                    syn::Pat::Ident(p) => Some(p.ident.to_string()),
                    syn::Pat::Type(t) => match &*t.pat {
                        syn::Pat::Ident(p) => Some(p.ident.to_string()),
                        _ => None,
                    },
                    _ => None,
                };
                let Some(name) = name else {
                    self.expr(&init.expr);
                    return;
                };
                self.mutations.remove(&name);
                if let Some(role) = self.role_of(&init.expr) {
                    self.roles.insert(name, role);
                } else if has_effects(&init.expr) {
                    self.roles.remove(&name);
                    self.expr(&init.expr);
                } else {
                    self.roles.remove(&name);
                    self.bindings.bind(name, (*init.expr).clone());
                }
            }
            syn::Stmt::Expr(e, _) => self.expr(e),
            syn::Stmt::Macro(m) => {
                if has_effects_in_tokens(&m.mac) {
                    self.opaque(self.src.span_of(&m.mac), "a macro call that runs schema changes".into());
                }
            }
            syn::Stmt::Item(_) => {}
        }
    }

    /// The role of an expression: the manager, its connection, or the backend.
    fn role_of(&self, expr: &syn::Expr) -> Option<Role> {
        match expr {
            syn::Expr::Reference(r) => self.role_of(&r.expr),
            syn::Expr::Paren(p) => self.role_of(&p.expr),
            syn::Expr::Group(g) => self.role_of(&g.expr),
            syn::Expr::Await(a) => self.role_of(&a.base),
            syn::Expr::Try(t) => self.role_of(&t.expr),
            syn::Expr::Path(p) if p.path.segments.len() == 1 => {
                self.roles.get(&p.path.segments[0].ident.to_string()).copied()
            }
            syn::Expr::MethodCall(mc) => {
                let recv = self.role_of(&mc.receiver)?;
                match (recv, mc.method.to_string().as_str()) {
                    (Role::Manager, "get_connection") => Some(Role::Conn),
                    (Role::Manager | Role::Conn, "get_database_backend") => Some(Role::Backend),
                    (Role::Conn, "begin") => Some(Role::Conn),
                    (r, m) if PASS_THROUGH.contains(&m) || m == "as_ref" => Some(r),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn expr(&mut self, expr: &syn::Expr) {
        match expr {
            syn::Expr::Await(a) => self.expr(&a.base),
            syn::Expr::Try(t) => self.expr(&t.expr),
            syn::Expr::Paren(p) => self.expr(&p.expr),
            syn::Expr::Group(g) => self.expr(&g.expr),
            syn::Expr::Reference(r) => self.expr(&r.expr),
            syn::Expr::Return(r) => {
                if let Some(e) = &r.expr {
                    self.expr(e);
                }
            }
            syn::Expr::Block(b) => self.block(&b.block),
            syn::Expr::Async(b) => self.block(&b.block),
            syn::Expr::Unsafe(b) => self.block(&b.block),
            syn::Expr::Closure(c) => self.expr(&c.body),
            syn::Expr::MethodCall(mc) => self.method_call(mc, expr),
            syn::Expr::Call(call) => self.call(call, expr),
            syn::Expr::If(i) => self.if_expr(i, expr),
            syn::Expr::Match(m) => self.match_expr(m, expr),
            syn::Expr::ForLoop(_) | syn::Expr::While(_) | syn::Expr::Loop(_) => self.loop_expr(expr),
            syn::Expr::Macro(m) if has_effects_in_tokens(&m.mac) => {
                self.opaque(self.src.span_of(expr), "a macro call that runs schema changes".into());
            }
            syn::Expr::Let(l) => self.expr(&l.expr),
            _ => {}
        }
    }

    /// A loop's body runs an unknown number of times, on values known at run time. Writing
    /// rows that often changes no schema, so a body that only writes data (or reads) is
    /// kept; one that changes the schema is opaque.
    fn loop_expr(&mut self, expr: &syn::Expr) {
        let body = match expr {
            syn::Expr::ForLoop(l) => &l.body,
            syn::Expr::While(l) => &l.body,
            syn::Expr::Loop(l) => &l.body,
            _ => return,
        };
        let (ops, findings) = (self.out.ops.len(), self.out.findings.len());
        self.block(body);
        let data_only = self.out.findings.len() == findings
            && self.out.ops[ops..]
                .iter()
                .all(|op| matches!(op.kind, OpKind::DataChange { .. } | OpKind::NoEffect { .. }));
        if !data_only {
            self.out.ops.truncate(ops);
            self.out.findings.truncate(findings);
            self.opaque(
                self.src.span_of(expr),
                "a loop changes the schema; how often it runs, and on what, is known only at run time".into(),
            );
        }
    }

    fn method_call(&mut self, mc: &syn::ExprMethodCall, whole: &syn::Expr) {
        match self.role_of(&mc.receiver) {
            Some(Role::Manager) => return self.manager_call(mc, whole),
            Some(Role::Conn) => return self.conn_call(mc, whole),
            Some(Role::Backend) => return,
            None => {}
        }
        // `t.col(...);` on a builder bound earlier: remember the calls.
        let (root, calls) = self.split(whole);
        if let syn::Expr::Path(p) = root
            && p.path.segments.len() == 1
            && !calls.is_empty()
        {
            let name = p.path.segments[0].ident.to_string();
            if self.bindings.get(&name).is_some_and(is_constructor_chain) {
                self.mutations.entry(name).or_default().extend(calls);
                return;
            }
        }
        // `model.update(db)`, `Entity::insert_many(..).exec(db)`: SeaORM writing rows
        // through the migration's connection.
        if DATA_WRITES.contains(&mc.method.to_string().as_str())
            && mc.args.iter().any(|a| self.role_of(a) == Some(Role::Conn))
        {
            let kind = data_change_kind(whole);
            self.push(OpKind::DataChange { kind, table: None, from: Vec::new() }, self.src.span_of(whole));
            return;
        }
        // Anything else (`.map_err(...)` around an effect, an iterator adapter): look inside.
        self.expr(&mc.receiver);
        for arg in &mc.args {
            self.expr(arg);
        }
    }

    fn call(&mut self, call: &syn::ExprCall, whole: &syn::Expr) {
        let syn::Expr::Path(func) = &*call.func else {
            return;
        };
        let names: Vec<String> = func.path.segments.iter().map(|s| s.ident.to_string()).collect();
        let passes_manager = call.args.iter().any(|a| self.role_of(a).is_some_and(|r| r != Role::Backend));
        if names.len() == 1 && passes_manager {
            // A helper of the same file that takes the manager: follow it.
            let helper = self.local_fns.iter().rev().find(|f| f.sig.ident == names[0]).cloned().or_else(|| {
                self.items.iter().find_map(|i| match i {
                    syn::Item::Fn(f) if f.sig.ident == names[0] => Some(f.clone()),
                    _ => None,
                })
            });
            if let Some(f) = helper
                && self.depth < MAX_CALL_DEPTH
            {
                let saved = (self.roles.clone(), self.bindings.clone());
                for (param, arg) in f.sig.inputs.iter().zip(&call.args) {
                    let syn::FnArg::Typed(t) = param else { continue };
                    let syn::Pat::Ident(p) = &*t.pat else { continue };
                    let name = p.ident.to_string();
                    match self.role_of(arg) {
                        Some(role) => {
                            self.roles.insert(name, role);
                        }
                        None => self.bindings.bind(name, arg.clone()),
                    }
                }
                self.depth += 1;
                self.block(&f.block);
                self.depth -= 1;
                (self.roles, self.bindings) = saved;
                return;
            }
        }
        if passes_manager {
            self.opaque(
                self.src.span_of(whole),
                format!("`{}` is given the schema manager, and what it does with it is not followed", names.join("::")),
            );
            return;
        }
        for arg in &call.args {
            self.expr(arg);
        }
    }

    fn if_expr(&mut self, i: &syn::ExprIf, whole: &syn::Expr) {
        if let Some(is_match) = self.backend_test(&i.cond) {
            if is_match {
                self.block(&i.then_branch);
            } else if let Some((_, e)) = &i.else_branch {
                self.expr(e);
            }
            return;
        }
        if !has_effects(whole) {
            self.block(&i.then_branch);
            if let Some((_, e)) = &i.else_branch {
                self.expr(e);
            }
            return;
        }
        if mentions_existence_check(&i.cond) {
            // `if !manager.has_column(..)`: the body runs exactly when the object is not
            // there yet, like `IF NOT EXISTS`; the replay treats conditional ops that way.
            let was = self.conditional;
            self.conditional = true;
            self.block(&i.then_branch);
            if let Some((_, e)) = &i.else_branch {
                self.expr(e);
            }
            self.conditional = was;
            return;
        }
        self.opaque(
            self.src.span_of(whole),
            format!(
                "schema changes under the condition `{}`, which is known only at run time",
                shorten(self.src.text_of(self.src.span_of(&*i.cond)))
            ),
        );
    }

    fn match_expr(&mut self, m: &syn::ExprMatch, whole: &syn::Expr) {
        if self.role_of(&m.expr) == Some(Role::Backend) {
            for arm in &m.arms {
                if self.pattern_matches_backend(&arm.pat) {
                    self.expr(&arm.body);
                    return;
                }
            }
            return;
        }
        if has_effects(whole) {
            self.opaque(self.src.span_of(whole), "schema changes in the arms of a `match` decided at run time".into());
        } else {
            for arm in &m.arms {
                self.expr(&arm.body);
            }
        }
    }

    /// `backend == DbBackend::Postgres` and friends: `Some(true)` when the test holds for
    /// the stream's dialect, `None` when it is not a backend test.
    fn backend_test(&self, cond: &syn::Expr) -> Option<bool> {
        match cond {
            syn::Expr::Paren(p) => self.backend_test(&p.expr),
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => self.backend_test(&u.expr).map(|b| !b),
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::Eq(_) | syn::BinOp::Ne(_)) => {
                let side = if self.role_of(&b.left) == Some(Role::Backend) {
                    &b.right
                } else if self.role_of(&b.right) == Some(Role::Backend) {
                    &b.left
                } else {
                    return None;
                };
                let equal = self.backend_named(side)? == self.dialect;
                Some(if matches!(b.op, syn::BinOp::Eq(_)) { equal } else { !equal })
            }
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::Or(_) | syn::BinOp::And(_)) => {
                let (l, r) = (self.backend_test(&b.left)?, self.backend_test(&b.right)?);
                Some(if matches!(b.op, syn::BinOp::Or(_)) { l || r } else { l && r })
            }
            syn::Expr::Macro(m) if m.mac.path.is_ident("matches") => {
                let parser = |input: syn::parse::ParseStream<'_>| {
                    let e: syn::Expr = input.parse()?;
                    input.parse::<syn::Token![,]>()?;
                    let p = syn::Pat::parse_multi_with_leading_vert(input)?;
                    let _: proc_macro2::TokenStream = input.parse()?;
                    Ok((e, p))
                };
                let (e, p) = syn::parse::Parser::parse2(parser, m.mac.tokens.clone()).ok()?;
                (self.role_of(&e) == Some(Role::Backend)).then(|| self.pattern_matches_backend(&p))
            }
            _ => None,
        }
    }

    /// `DbBackend::Postgres`, `DatabaseBackend::MySql`, `sea_orm::DbBackend::Sqlite`.
    fn backend_named(&self, expr: &syn::Expr) -> Option<Dialect> {
        let syn::Expr::Path(p) = expr else { return None };
        backend_variant(p.path.segments.last()?.ident.to_string().as_str())
    }

    fn pattern_matches_backend(&self, pat: &syn::Pat) -> bool {
        match pat {
            syn::Pat::Wild(_) => true,
            syn::Pat::Or(o) => o.cases.iter().any(|c| self.pattern_matches_backend(c)),
            syn::Pat::Path(p) => {
                p.path.segments.last().and_then(|s| backend_variant(&s.ident.to_string())) == Some(self.dialect)
            }
            syn::Pat::Ident(i) => i.subpat.is_none() && backend_variant(&i.ident.to_string()).is_none(),
            _ => false,
        }
    }

    fn manager_call(&mut self, mc: &syn::ExprMethodCall, whole: &syn::Expr) {
        let span = self.src.span_of(whole);
        let method = mc.method.to_string();
        match method.as_str() {
            "has_table" | "has_column" | "has_index" | "get_connection" | "get_database_backend" => {}
            m if EFFECT_METHODS.contains(&m) => match mc.args.first() {
                Some(arg) => self.statement(arg, span),
                None => self.opaque(span, format!("`{m}` without a statement")),
            },
            other => self.opaque(span, format!("the schema manager's `{other}` is not understood")),
        }
    }

    fn conn_call(&mut self, mc: &syn::ExprMethodCall, whole: &syn::Expr) {
        let span = self.src.span_of(whole);
        match mc.method.to_string().as_str() {
            "execute_unprepared" => match mc.args.first() {
                Some(arg) => self.sql(arg, span),
                None => self.opaque(span, "`execute_unprepared` without SQL".into()),
            },
            "execute" | "execute_raw" => match mc.args.first() {
                Some(arg) => self.executed(arg, span),
                None => self.opaque(span, "`execute` without a statement".into()),
            },
            "query_one"
            | "query_all"
            | "query"
            | "stream"
            | "get_database_backend"
            | "commit"
            | "rollback"
            | "ping" => {}
            "transaction" => {
                // `db.transaction(|txn| Box::pin(async move { txn.execute(...) }))`
                for arg in &mc.args {
                    if let syn::Expr::Closure(c) = arg {
                        for input in &c.inputs {
                            if let syn::Pat::Ident(p) = input {
                                self.roles.insert(p.ident.to_string(), Role::Conn);
                            }
                        }
                        self.expr(&c.body);
                    }
                }
            }
            other => self.opaque(span, format!("the connection's `{other}` is not understood")),
        }
    }

    /// What `db.execute(...)` runs: `Statement::from_string(backend, sql)`, or a builder
    /// turned into a statement with `backend.build(&stmt)`.
    fn executed(&mut self, arg: &syn::Expr, span: Span) {
        match arg {
            syn::Expr::Reference(r) => self.executed(&r.expr, span),
            syn::Expr::Paren(p) => self.executed(&p.expr, span),
            syn::Expr::Call(call) => {
                let name = path_names(&call.func);
                match name.last().map(String::as_str) {
                    Some("from_string" | "from_sql_and_values") => match call.args.iter().nth(1) {
                        Some(sql) => self.sql(sql, span),
                        None => self.opaque(span, "a `Statement` without SQL".into()),
                    },
                    _ => self.opaque(span, format!("`{}` makes a statement schemagraph cannot read", name.join("::"))),
                }
            }
            syn::Expr::MethodCall(mc) if mc.method == "build" => match mc.args.first() {
                Some(stmt) => self.statement(stmt, span),
                None => self.opaque(span, "`build` without a statement".into()),
            },
            syn::Expr::Path(p) if p.path.segments.len() == 1 => {
                match self.bindings.get(&p.path.segments[0].ident.to_string()).cloned() {
                    Some(bound) => self.executed(&bound, span),
                    None => self.opaque(span, "a statement made at run time".into()),
                }
            }
            _ => self.opaque(span, "a statement schemagraph cannot read".into()),
        }
    }

    /// SQL text, run through the SQL extractor with spans in the host file.
    fn sql(&mut self, arg: &syn::Expr, span: Span) {
        let cx = StrCx { src: self.src, sources: self.sources, bindings: &self.bindings };
        match resolve(&cx, arg) {
            Ok(pieces) => {
                let map = pieces.offset_map(self.src.span_of(arg));
                let mut e = extract_sql(&pieces.text, &map, self.dialect);
                if self.conditional {
                    e.ops.iter_mut().for_each(|op| op.conditional = true);
                }
                self.out.extend(e);
            }
            Err(u) => self.opaque(span, format!("the SQL it runs is built at run time: {}", u.reason)),
        }
    }

    fn push(&mut self, kind: OpKind, span: Span) {
        let mut op = Op::new(kind, span);
        op.conditional = self.conditional;
        self.out.ops.push(op);
    }

    fn opaque(&mut self, span: Span, reason: String) {
        self.out.findings.push(Finding::new(UNSUPPORTED_CONSTRUCT, span, format!("Skipped: {reason}")).with_help(
            "the schema model may miss what this code does; later findings about these objects can be wrong",
        ));
        self.push(OpKind::Opaque { reason }, span);
    }

    fn note(&mut self, span: Span, message: String) {
        self.out.findings.push(Finding::new(UNSUPPORTED_CONSTRUCT, span, message).with_help(
            "the schema model may differ from the database here; later findings about this object can be wrong",
        ));
    }

    /// Unrolls method calls down to the expression they start from.
    fn split<'e>(&self, expr: &'e syn::Expr) -> (&'e syn::Expr, Vec<Call>) {
        let mut calls = Vec::new();
        let mut cur = expr;
        loop {
            match cur {
                syn::Expr::MethodCall(mc) => {
                    let name = mc.method.to_string();
                    if !PASS_THROUGH.contains(&name.as_str()) {
                        calls.push(Call {
                            name,
                            args: mc.args.iter().cloned().collect(),
                            span: self.src.cover(mc.dot_token.span, mc.paren_token.span.close()),
                        });
                    }
                    cur = &mc.receiver;
                }
                syn::Expr::Reference(r) => cur = &r.expr,
                syn::Expr::Paren(p) => cur = &p.expr,
                syn::Expr::Group(g) => cur = &g.expr,
                _ => break,
            }
        }
        calls.reverse();
        (cur, calls)
    }

    /// A builder expression as a chain, through bindings and later mutations.
    fn chain(&self, expr: &syn::Expr) -> Res<Chain> {
        self.chain_at(expr, 0)
    }

    fn chain_at(&self, expr: &syn::Expr, depth: usize) -> Res<Chain> {
        let (root, calls) = self.split(expr);
        let unresolved = |reason: String| Unresolved { reason, span: self.src.span_of(expr) };
        let mut chain = match root {
            syn::Expr::Call(call) => match &*call.func {
                syn::Expr::Path(p) => Chain {
                    root: p.path.segments.iter().map(|s| s.ident.to_string()).collect(),
                    root_args: call.args.iter().cloned().collect(),
                    root_span: self.src.span_of(root),
                    calls: Vec::new(),
                },
                _ => return Err(unresolved("the statement is made by a call schemagraph cannot follow".into())),
            },
            syn::Expr::Path(p) if p.path.segments.len() == 1 && depth < MAX_CALL_DEPTH => {
                let name = p.path.segments[0].ident.to_string();
                let Some(bound) = self.bindings.get(&name) else {
                    return Err(unresolved(format!("`{name}` is made at run time")));
                };
                let mut c = self.chain_at(bound, depth + 1)?;
                c.calls.extend(self.mutations.get(&name).cloned().unwrap_or_default());
                c
            }
            _ => {
                return Err(unresolved(format!(
                    "`{}` is not a sea-query builder schemagraph can read",
                    shorten(self.src.text_of(self.src.span_of(root)))
                )));
            }
        };
        chain.calls.extend(calls);
        Ok(chain)
    }

    /// Any sea-query statement given to the manager or built for the connection.
    fn statement(&mut self, arg: &syn::Expr, span: Span) {
        let chain = match self.chain(arg) {
            Ok(c) => c,
            Err(u) => return self.opaque(span, u.reason),
        };
        let result = if chain.root_is("Table", "create") || chain.root_fn() == Some("table_auto") {
            self.table_create(&chain, span)
        } else if chain.root_is("Table", "alter") {
            self.table_alter(&chain, span)
        } else if chain.root_is("Table", "drop") {
            self.table_drop(&chain, span)
        } else if chain.root_is("Table", "rename") {
            self.table_rename(&chain, span)
        } else if chain.root_is("Table", "truncate") {
            self.data_change(&chain, span, DataChangeKind::Truncate, "table")
        } else if chain.root_is("Index", "create") {
            self.index_create(&chain, span)
        } else if chain.root_is("Index", "drop") {
            self.index_drop(&chain, span)
        } else if chain.root_is("ForeignKey", "create") {
            self.fk_create(&chain, span)
        } else if chain.root_is("ForeignKey", "drop") {
            self.fk_drop(&chain, span)
        } else if chain.root_is("Type", "create") {
            self.type_create(&chain, span)
        } else if chain.root_is("Type", "alter") {
            self.type_alter(&chain, span)
        } else if chain.root_is("Type", "drop") {
            self.type_drop(&chain, span)
        } else if chain.root_is("Query", "insert") {
            self.data_change(&chain, span, DataChangeKind::Insert, "into_table")
        } else if chain.root_is("Query", "update") {
            self.data_change(&chain, span, DataChangeKind::Update, "table")
        } else if chain.root_is("Query", "delete") {
            self.data_change(&chain, span, DataChangeKind::Delete, "from_table")
        } else {
            Err(Unresolved {
                reason: format!("`{}` is not a statement schemagraph reads", chain.root.join("::")),
                span,
            })
        };
        if let Err(u) = result {
            self.opaque(span, u.reason);
        }
    }

    fn ident(&self, name: &str) -> Ident {
        // sea-query quotes every identifier, so case is kept.
        Ident::new(name, true, self.dialect)
    }

    /// An identifier argument: an `Iden` enum variant, a unit struct, `Alias::new("x")`, a
    /// string.
    fn iden(&self, expr: &syn::Expr) -> Res<String> {
        let unresolved = |what: &str| Unresolved {
            reason: format!("`{}` {what}", shorten(self.src.text_of(self.src.span_of(expr)))),
            span: self.src.span_of(expr),
        };
        match expr {
            syn::Expr::Reference(r) => self.iden(&r.expr),
            syn::Expr::Paren(p) => self.iden(&p.expr),
            syn::Expr::Group(g) => self.iden(&g.expr),
            syn::Expr::MethodCall(mc)
                if mc.args.is_empty() && PASS_THROUGH.contains(&mc.method.to_string().as_str()) =>
            {
                self.iden(&mc.receiver)
            }
            syn::Expr::Call(call) => {
                let names = path_names(&call.func);
                match (names.last().map(String::as_str), call.args.first()) {
                    (Some("new"), Some(arg)) if names.len() >= 2 && names[names.len() - 2] == "Alias" => {
                        self.string(arg)
                    }
                    (Some("new"), Some(arg)) if names.len() >= 2 && names[names.len() - 2] == "SeaRc" => self.iden(arg),
                    _ => Err(unresolved("is not an identifier schemagraph can name")),
                }
            }
            syn::Expr::Lit(_) => self.string(expr),
            syn::Expr::Path(p) => {
                let names: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
                let found = match names.as_slice() {
                    [.., ty, variant] => self.idens.variant(self.src.file, ty, variant),
                    [one] => self.idens.unit(self.src.file, one).or_else(|| self.string(expr).ok()),
                    [] => None,
                };
                found.ok_or_else(|| unresolved("names no `Iden` enum variant or unit struct of this crate"))
            }
            _ => Err(unresolved("is not an identifier schemagraph can name")),
        }
    }

    fn string(&self, expr: &syn::Expr) -> Res<String> {
        let cx = StrCx { src: self.src, sources: self.sources, bindings: &self.bindings };
        resolve(&cx, expr).map(|p| p.text)
    }

    /// A table reference: an identifier, or `(schema, table)`.
    fn table_ref(&self, expr: &syn::Expr) -> Res<ObjectName> {
        match strip(expr) {
            syn::Expr::Tuple(t) if t.elems.len() == 2 => {
                let schema = self.iden(&t.elems[0])?;
                let name = self.iden(&t.elems[1])?;
                Ok(ObjectName::new(Some(self.ident(&schema)), self.ident(&name)))
            }
            e => Ok(ObjectName::unqualified(self.ident(&self.iden(e)?))),
        }
    }

    /// One column or a tuple of columns.
    fn columns(&self, expr: &syn::Expr) -> Res<Vec<Ident>> {
        match strip(expr) {
            syn::Expr::Tuple(t) => t.elems.iter().map(|e| self.iden(e).map(|n| self.ident(&n))).collect(),
            syn::Expr::Array(a) => a.elems.iter().map(|e| self.iden(e).map(|n| self.ident(&n))).collect(),
            e => Ok(vec![self.ident(&self.iden(e)?)]),
        }
    }

    fn arg<'c>(&self, call: &'c Call, i: usize) -> Res<&'c syn::Expr> {
        call.args
            .get(i)
            .ok_or_else(|| Unresolved { reason: format!("`.{}(...)` lacks an argument", call.name), span: call.span })
    }

    fn table_create(&mut self, chain: &Chain, span: Span) -> Res<()> {
        let mut name = None;
        let mut ct = CreateTable {
            name: ObjectName::unqualified(self.ident("")),
            if_not_exists: false,
            temporary: false,
            columns: Vec::new(),
            constraints: Vec::new(),
            partition_of: None,
            partitioned: false,
            like: None,
            as_select: false,
        };
        let mut after = Vec::new();
        if chain.root_fn() == Some("table_auto") {
            // sea-orm-migration's `table_auto(name)`: `IF NOT EXISTS`, and `created_at` and
            // `updated_at` timestamps defaulting to the current time, added last.
            let arg = chain
                .root_args
                .first()
                .ok_or_else(|| Unresolved { reason: "`table_auto` without a table".into(), span })?;
            name = Some(self.table_ref(arg)?);
            ct.if_not_exists = true;
        }
        for call in &chain.calls {
            match call.name.as_str() {
                "table" => name = Some(self.table_ref(self.arg(call, 0)?)?),
                "if_not_exists" => ct.if_not_exists = true,
                "temporary" => ct.temporary = true,
                "col" => match self.column(self.arg(call, 0)?) {
                    Ok(c) => ct.columns.push(c),
                    Err(u) => self.opaque(u.span, format!("a column of this table: {}", u.reason)),
                },
                "primary_key" => {
                    let ix = self.index_parts(self.arg(call, 0)?)?;
                    ct.constraints.push(Constraint {
                        name: ix.name.clone(),
                        kind: ConstraintKind::PrimaryKey { columns: ix.columns(), using_index: None },
                        not_valid: false,
                        span: call.span,
                    });
                }
                "foreign_key" => {
                    let arg = self.arg(call, 0)?;
                    let (fk_name, _, fk) = self.foreign_key(arg)?;
                    ct.constraints.push(Constraint {
                        name: fk_name,
                        kind: ConstraintKind::ForeignKey(fk),
                        not_valid: false,
                        span: self.src.span_of(arg),
                    });
                }
                "index" => {
                    let arg = self.arg(call, 0)?;
                    let ix = self.index_parts(arg)?;
                    let at = self.src.span_of(arg);
                    if ix.primary {
                        ct.constraints.push(Constraint {
                            name: ix.name.clone(),
                            kind: ConstraintKind::PrimaryKey { columns: ix.columns(), using_index: None },
                            not_valid: false,
                            span: at,
                        });
                    } else if ix.unique {
                        ct.constraints.push(Constraint {
                            name: ix.name.clone(),
                            kind: ConstraintKind::Unique {
                                columns: ix.columns(),
                                using_index: None,
                                nulls_not_distinct: ix.nulls_not_distinct,
                            },
                            not_valid: false,
                            span: at,
                        });
                    } else {
                        after.push((ix, at));
                    }
                }
                "check" => {
                    let arg = self.arg(call, 0)?;
                    ct.constraints.push(Constraint {
                        name: None,
                        kind: ConstraintKind::Check {
                            expr: self.src.text_of(self.src.span_of(arg)).to_owned(),
                            columns: Vec::new(),
                        },
                        not_valid: false,
                        span: call.span,
                    });
                }
                "comment" | "engine" | "collate" | "character_set" | "extra" | "partition_by" => {}
                other => self.note(call.span, format!("`.{other}(...)` on a table is not understood and was ignored")),
            }
        }
        if chain.root_fn() == Some("table_auto") {
            for column in ["created_at", "updated_at"] {
                ct.columns.push(ColumnDef {
                    name: self.ident(column),
                    ty: self.type_ref(&SeaType::Timestamp, false).0,
                    nullable: Some(false),
                    default: Some(Expr::Keyword { name: "CURRENT_TIMESTAMP".into(), precision: None }),
                    generated: None,
                    constraints: Vec::new(),
                    auto_increment: false,
                    comment: None,
                    span: chain.root_span,
                });
            }
        }
        let Some(name) = name else {
            return Err(Unresolved { reason: "a `Table::create()` without `.table(...)`".into(), span });
        };
        ct.name = name.clone();
        self.push(OpKind::CreateTable(ct), span);
        for (ix, at) in after {
            self.push(OpKind::CreateIndex(ix.into_create(name.clone())), at);
        }
        Ok(())
    }

    fn type_ref(&self, ty: &SeaType, auto_increment: bool) -> (TypeRef, Option<Generated>) {
        let (text, identity) = ty.sql(self.dialect, auto_increment, self.opts.sea_query_1);
        let generated = identity.then_some(Generated::Identity { always: false });
        (TypeRef::parse(&text, self.dialect), generated)
    }

    /// A column definition: `ColumnDef::new(c)...` or a schema helper (`string(c)`, `pk_auto(c)`).
    fn column(&mut self, expr: &syn::Expr) -> Res<ColumnDef> {
        let chain = self.chain(expr)?;
        let span = self.src.span_of(expr);
        let mut ty: Option<SeaType> = None;
        let mut nullable = None;
        let mut auto_increment = false;
        let mut constraints = Vec::new();
        let mut default = None;
        let mut generated = None;
        let mut comment = None;
        let mut extras = Vec::new();
        let first =
            chain.root_args.first().ok_or_else(|| Unresolved { reason: "a column without a name".into(), span })?;
        let name = self.iden(first)?;
        let inline = |kind: ConstraintKind, at: Span| Constraint { name: None, kind, not_valid: false, span: at };
        if chain.root_is("ColumnDef", "new") {
        } else if chain.root_is("ColumnDef", "new_with_type") {
            ty = Some(
                self.column_type_expr(
                    chain
                        .root_args
                        .get(1)
                        .ok_or_else(|| Unresolved { reason: "`new_with_type` without a type".into(), span })?,
                )?,
            );
        } else if let Some(helper) = chain.root_fn() {
            // sea-orm-migration's schema helpers: `string(c)` is NOT NULL, `string_null(c)`
            // nullable, `string_uniq(c)` NOT NULL and unique; `pk_auto(c)` an auto-increment
            // integer primary key.
            let (base, suffix) = if let Some(b) = helper.strip_suffix("_null") {
                (b, Some(true))
            } else if let Some(b) = helper.strip_suffix("_uniq") {
                (b, Some(false))
            } else {
                (helper, None)
            };
            let rest: Vec<syn::Expr> = chain.root_args.iter().skip(1).cloned().collect();
            match base {
                "pk_auto" | "big_pk_auto" => {
                    ty = Some(if base == "pk_auto" { SeaType::Integer } else { SeaType::BigInteger });
                    auto_increment = true;
                    nullable = Some(false);
                    constraints.push(inline(
                        ConstraintKind::PrimaryKey { columns: Vec::new(), using_index: None },
                        chain.root_span,
                    ));
                }
                "pk_uuid" => {
                    ty = Some(SeaType::Uuid);
                    nullable = Some(false);
                    constraints.push(inline(
                        ConstraintKind::PrimaryKey { columns: Vec::new(), using_index: None },
                        chain.root_span,
                    ));
                }
                _ => {
                    let t = self.type_call(base, &rest, chain.root_span)?.ok_or_else(|| Unresolved {
                        reason: format!("`{helper}(...)` is not a column helper of sea-orm-migration"),
                        span: chain.root_span,
                    })?;
                    ty = Some(t);
                    nullable = Some(suffix == Some(true));
                    if suffix == Some(false) {
                        constraints.push(inline(
                            ConstraintKind::Unique {
                                columns: Vec::new(),
                                using_index: None,
                                nulls_not_distinct: false,
                            },
                            chain.root_span,
                        ));
                    }
                }
            }
        } else {
            return Err(Unresolved { reason: format!("`{}` does not make a column", chain.root.join("::")), span });
        }
        for call in &chain.calls {
            match call.name.as_str() {
                "not_null" => nullable = Some(false),
                "null" => nullable = Some(true),
                "auto_increment" => auto_increment = true,
                "primary_key" => constraints
                    .push(inline(ConstraintKind::PrimaryKey { columns: Vec::new(), using_index: None }, call.span)),
                "unique_key" => constraints.push(inline(
                    ConstraintKind::Unique { columns: Vec::new(), using_index: None, nulls_not_distinct: false },
                    call.span,
                )),
                "default" => default = Some(self.default_value(self.arg(call, 0)?, call.span)),
                "check" => {
                    let arg = self.arg(call, 0)?;
                    constraints.push(inline(
                        ConstraintKind::Check {
                            expr: self.src.text_of(self.src.span_of(arg)).to_owned(),
                            columns: vec![self.ident(&name)],
                        },
                        call.span,
                    ));
                }
                "comment" => comment = call.args.first().and_then(|a| self.string(a).ok()),
                "generated" => {
                    let arg = self.arg(call, 0)?;
                    let stored = call.args.get(1).is_some_and(
                        |b| matches!(strip(b), syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Bool(b), .. }) if b.value),
                    );
                    generated = Some(Generated::Expression {
                        expr: Expr::Raw(self.src.text_of(self.src.span_of(arg)).to_owned()),
                        stored,
                    });
                }
                "extra" => extras.push(call.clone()),
                "using" | "get_column_type" => {}
                method => {
                    let args: Vec<syn::Expr> = call.args.clone();
                    match self.type_call(method, &args, call.span)? {
                        Some(t) => ty = Some(t),
                        None => self
                            .note(call.span, format!("`.{method}(...)` on a column is not understood and was ignored")),
                    }
                }
            }
        }
        let sea_ty = ty.unwrap_or_else(|| {
            self.note(span, format!("Column `{name}` is given no type; it is modelled as `text`"));
            SeaType::Text
        });
        let (type_ref, identity) = self.type_ref(&sea_ty, auto_increment);
        let mut def = ColumnDef {
            name: self.ident(&name),
            ty: type_ref,
            nullable,
            default,
            generated: generated.or(identity),
            constraints,
            auto_increment: auto_increment && self.dialect != Dialect::Postgres,
            comment,
            span,
        };
        for call in extras {
            self.extra(&mut def, &call);
        }
        Ok(def)
    }

    /// `.extra("DEFAULT gen_random_uuid()")`: SQL appended to the column definition, read
    /// by the SQL extractor as part of a column of its own.
    fn extra(&mut self, def: &mut ColumnDef, call: &Call) {
        let Some(arg) = call.args.first() else { return };
        let extra = match self.string(arg) {
            Ok(s) => s,
            Err(u) => {
                return self.note(
                    call.span,
                    format!("`.extra(...)` adds SQL made at run time ({}); it was ignored", u.reason),
                );
            }
        };
        let sql = format!("CREATE TABLE t (c {} {extra})", def.ty.raw);
        let map = sg_model::OffsetMap::from_segments(
            call.span.file,
            vec![(0, call.span.start as usize)],
            call.span.len(),
            call.span.end as usize,
        );
        let parsed = extract_sql(&sql, &map, self.dialect);
        match parsed.ops.into_iter().next().map(|o| o.kind) {
            Some(OpKind::CreateTable(ct)) if ct.columns.len() == 1 => {
                let Some(c) = ct.columns.into_iter().next() else { return };
                def.default = c.default.or(def.default.take());
                def.generated = c.generated.or(def.generated.take());
                def.nullable = c.nullable.or(def.nullable);
                def.constraints.extend(c.constraints.into_iter().map(|mut k| {
                    k.span = call.span;
                    k
                }));
            }
            _ => self.note(
                call.span,
                format!("`.extra(\"{extra}\")` could not be read as part of a column definition; it was ignored"),
            ),
        }
    }

    /// A type method (`integer`, `string_len(40)`, `enumeration(...)`), or `None` when
    /// the name is not one.
    fn type_call(&self, method: &str, args: &[syn::Expr], span: Span) -> Res<Option<SeaType>> {
        match method {
            "custom" => {
                let arg = args.first().ok_or_else(|| Unresolved { reason: "`custom` without a type".into(), span })?;
                Ok(Some(SeaType::Custom(self.iden(arg)?)))
            }
            "enumeration" => {
                let n =
                    args.first().ok_or_else(|| Unresolved { reason: "`enumeration` without a name".into(), span })?;
                let mut variants = Vec::new();
                if let Some(v) = args.get(1) {
                    let elems: Vec<&syn::Expr> = match strip(v) {
                        syn::Expr::Array(a) => a.elems.iter().collect(),
                        syn::Expr::Macro(m) if m.mac.path.is_ident("vec") => {
                            return self.enumeration_vec(n, m, span).map(Some);
                        }
                        other => {
                            return Err(Unresolved {
                                reason: format!(
                                    "the enum values `{}` are made at run time",
                                    shorten(self.src.text_of(self.src.span_of(other)))
                                ),
                                span,
                            });
                        }
                    };
                    for e in elems {
                        variants.push(self.iden(e)?);
                    }
                }
                Ok(Some(SeaType::Enum { name: self.iden(n)?, variants }))
            }
            "array" => {
                let arg = args
                    .first()
                    .ok_or_else(|| Unresolved { reason: "`array` without an element type".into(), span })?;
                Ok(Some(SeaType::Array(Box::new(self.column_type_expr(arg)?))))
            }
            _ => {
                let nums: Vec<u32> = args.iter().filter_map(int_literal).collect();
                Ok(SeaType::from_method(method, &nums))
            }
        }
    }

    fn enumeration_vec(&self, name: &syn::Expr, mac: &syn::ExprMacro, span: Span) -> Res<SeaType> {
        let elems = mac
            .mac
            .parse_body_with(Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
            .map_err(|_| Unresolved { reason: "the enum values could not be read".into(), span })?;
        let variants = elems.iter().map(|e| self.iden(e)).collect::<Res<Vec<_>>>()?;
        Ok(SeaType::Enum { name: self.iden(name)?, variants })
    }

    /// `ColumnType::Integer`, `ColumnType::String(StringLen::N(40))`.
    fn column_type_expr(&self, expr: &syn::Expr) -> Res<SeaType> {
        let unresolved = || Unresolved {
            reason: format!(
                "`{}` is not a column type schemagraph reads",
                shorten(self.src.text_of(self.src.span_of(expr)))
            ),
            span: self.src.span_of(expr),
        };
        match strip(expr) {
            syn::Expr::Path(p) => {
                let v = p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
                SeaType::from_variant(&v, &[]).ok_or_else(unresolved)
            }
            syn::Expr::Call(c) => {
                let names = path_names(&c.func);
                let v = names.last().cloned().unwrap_or_default();
                if v == "Custom" {
                    let arg = c.args.first().ok_or_else(unresolved)?;
                    return Ok(SeaType::Custom(self.iden(arg)?));
                }
                if v == "Array" {
                    let arg = c.args.first().ok_or_else(unresolved)?;
                    let inner = match strip(arg) {
                        syn::Expr::Call(rc) if path_names(&rc.func).last().is_some_and(|n| n == "new") => {
                            rc.args.first().ok_or_else(unresolved)?
                        }
                        other => other,
                    };
                    return Ok(SeaType::Array(Box::new(self.column_type_expr(inner)?)));
                }
                let mut nums = Vec::new();
                let mut finder = IntFinder(&mut nums);
                for a in &c.args {
                    finder.visit_expr(a);
                }
                SeaType::from_variant(&v, &nums).ok_or_else(unresolved)
            }
            _ => Err(unresolved()),
        }
    }

    /// A column default: literals, `Expr::current_timestamp()`, `Expr::cust("now()")`.
    fn default_value(&mut self, expr: &syn::Expr, at: Span) -> Expr {
        match value_expr(self, expr) {
            Some(e) => e,
            None => {
                let text = self.src.text_of(self.src.span_of(expr)).to_owned();
                self.note(
                    at,
                    format!(
                        "The default `{}` is computed in Rust; it is kept as written, not as the SQL it becomes",
                        shorten(&text)
                    ),
                );
                Expr::Raw(text)
            }
        }
    }

    fn foreign_key(&self, expr: &syn::Expr) -> Res<(Option<Ident>, Option<ObjectName>, ForeignKeyDef)> {
        let chain = self.chain(expr)?;
        self.foreign_key_chain(&chain, self.src.span_of(expr))
    }

    fn foreign_key_chain(&self, chain: &Chain, span: Span) -> Res<(Option<Ident>, Option<ObjectName>, ForeignKeyDef)> {
        let mut name = None;
        let mut from = None;
        let mut fk = ForeignKeyDef {
            columns: Vec::new(),
            references: ObjectName::unqualified(self.ident("")),
            referenced_columns: Vec::new(),
            on_delete: None,
            on_update: None,
            deferrable: false,
        };
        let mut to = None;
        for call in &chain.calls {
            match call.name.as_str() {
                "name" => name = Some(self.ident(&self.iden(self.arg(call, 0)?)?)),
                "from" => {
                    from = Some(self.table_ref(self.arg(call, 0)?)?);
                    fk.columns.extend(self.columns(self.arg(call, 1)?)?);
                }
                "to" => {
                    to = Some(self.table_ref(self.arg(call, 0)?)?);
                    fk.referenced_columns.extend(self.columns(self.arg(call, 1)?)?);
                }
                "from_tbl" => from = Some(self.table_ref(self.arg(call, 0)?)?),
                "from_col" => fk.columns.extend(self.columns(self.arg(call, 0)?)?),
                "to_tbl" => to = Some(self.table_ref(self.arg(call, 0)?)?),
                "to_col" => fk.referenced_columns.extend(self.columns(self.arg(call, 0)?)?),
                "on_delete" => fk.on_delete = Some(ref_action(self.arg(call, 0)?)),
                "on_update" => fk.on_update = Some(ref_action(self.arg(call, 0)?)),
                other => {
                    return Err(Unresolved {
                        reason: format!("`.{other}(...)` on a foreign key is not understood"),
                        span: call.span,
                    });
                }
            }
        }
        fk.references = to.ok_or_else(|| Unresolved { reason: "a foreign key without `.to(...)`".into(), span })?;
        Ok((name, from, fk))
    }

    /// `manager.create_foreign_key(ForeignKey::create().from(..).to(..))`: an
    /// `ALTER TABLE ... ADD CONSTRAINT` on the `from` table.
    fn fk_create(&mut self, chain: &Chain, span: Span) -> Res<()> {
        let (name, from, fk) = self.foreign_key_chain(chain, span)?;
        let table = from.ok_or_else(|| Unresolved { reason: "a foreign key without `.from(...)`".into(), span })?;
        self.push(
            OpKind::AddConstraint {
                table,
                constraint: Constraint { name, kind: ConstraintKind::ForeignKey(fk), not_valid: false, span },
            },
            span,
        );
        Ok(())
    }

    fn index_parts(&self, expr: &syn::Expr) -> Res<IndexParts> {
        let chain = self.chain(expr)?;
        self.index_from_chain(&chain)
    }

    fn index_from_chain(&self, chain: &Chain) -> Res<IndexParts> {
        let mut ix = IndexParts::default();
        for call in &chain.calls {
            match call.name.as_str() {
                "name" => ix.name = Some(self.ident(&self.iden(self.arg(call, 0)?)?)),
                "table" => ix.table = Some(self.table_ref(self.arg(call, 0)?)?),
                "col" => {
                    let arg = self.arg(call, 0)?;
                    let key = match strip(arg) {
                        // `(Col, IndexOrder::Desc)`
                        syn::Expr::Tuple(t) if !t.elems.is_empty() => {
                            self.iden(&t.elems[0]).map(|n| IndexKey::Column(self.ident(&n)))
                        }
                        e => self.iden(e).map(|n| IndexKey::Column(self.ident(&n))),
                    };
                    ix.keys.push(
                        key.unwrap_or_else(|_| {
                            IndexKey::Expression(self.src.text_of(self.src.span_of(arg)).to_owned())
                        }),
                    );
                }
                "unique" => ix.unique = true,
                "primary" => ix.primary = true,
                "if_not_exists" => ix.if_not_exists = true,
                "if_exists" => ix.if_exists = true,
                "nulls_not_distinct" => ix.nulls_not_distinct = true,
                "full_text" => ix.method = Some("fulltext".into()),
                "index_type" => {
                    let arg = self.arg(call, 0)?;
                    ix.method =
                        Some(self.src.text_of(self.src.span_of(arg)).rsplit("::").next().unwrap_or("").to_lowercase());
                }
                "include" => ix.include.push(self.ident(&self.iden(self.arg(call, 0)?)?)),
                "and_where" | "cond_where" => {
                    let arg = self.arg(call, 0)?;
                    ix.predicate = Some(self.src.text_of(self.src.span_of(arg)).to_owned());
                }
                other => {
                    return Err(Unresolved {
                        reason: format!("`.{other}(...)` on an index is not understood"),
                        span: call.span,
                    });
                }
            }
        }
        Ok(ix)
    }

    fn index_create(&mut self, chain: &Chain, span: Span) -> Res<()> {
        let ix = self.index_from_chain(chain)?;
        let table =
            ix.table.clone().ok_or_else(|| Unresolved { reason: "an index without `.table(...)`".into(), span })?;
        self.push(OpKind::CreateIndex(ix.into_create(table)), span);
        Ok(())
    }

    fn index_drop(&mut self, chain: &Chain, span: Span) -> Res<()> {
        let ix = self.index_from_chain(chain)?;
        let name = ix.name.ok_or_else(|| Unresolved { reason: "`Index::drop()` without `.name(...)`".into(), span })?;
        // PostgreSQL drops an index by name in the table's schema; MySQL needs the table.
        let schema = ix.table.as_ref().and_then(|t| t.schema.clone());
        self.push(
            OpKind::DropIndex {
                name: ObjectName::new(schema, name),
                table: ix.table,
                if_exists: ix.if_exists,
                concurrently: false,
                cascade: false,
            },
            span,
        );
        Ok(())
    }

    fn fk_drop(&mut self, chain: &Chain, span: Span) -> Res<()> {
        let mut name = None;
        let mut table = None;
        for call in &chain.calls {
            match call.name.as_str() {
                "name" => name = Some(self.ident(&self.iden(self.arg(call, 0)?)?)),
                "table" => table = Some(self.table_ref(self.arg(call, 0)?)?),
                other => {
                    return Err(Unresolved {
                        reason: format!("`.{other}(...)` on a foreign key drop is not understood"),
                        span: call.span,
                    });
                }
            }
        }
        let (Some(name), Some(table)) = (name, table) else {
            return Err(Unresolved {
                reason: "`ForeignKey::drop()` needs `.name(...)` and `.table(...)`".into(),
                span,
            });
        };
        self.push(OpKind::DropConstraint { table, name, if_exists: false, cascade: false }, span);
        Ok(())
    }

    fn table_alter(&mut self, chain: &Chain, span: Span) -> Res<()> {
        let table = chain
            .calls
            .iter()
            .find(|c| c.name == "table")
            .map(|c| self.arg(c, 0).and_then(|a| self.table_ref(a)))
            .transpose()?
            .ok_or_else(|| Unresolved { reason: "`Table::alter()` without `.table(...)`".into(), span })?;
        for call in &chain.calls {
            match call.name.as_str() {
                "table" => {}
                "add_column" | "add_column_if_not_exists" => {
                    let column = self.column(self.arg(call, 0)?)?;
                    self.push(
                        OpKind::AddColumn {
                            table: table.clone(),
                            column,
                            if_not_exists: call.name.ends_with("if_not_exists"),
                        },
                        span,
                    );
                }
                "modify_column" => {
                    let column = self.column(self.arg(call, 0)?)?;
                    self.modify_column(&table, column, span);
                }
                "rename_column" => {
                    let from = self.iden(self.arg(call, 0)?)?;
                    let to = self.iden(self.arg(call, 1)?)?;
                    self.push(
                        OpKind::RenameColumn {
                            table: table.clone(),
                            column: self.ident(&from),
                            new_name: self.ident(&to),
                        },
                        span,
                    );
                }
                "drop_column" | "drop_column_if_exists" => {
                    let column = self.iden(self.arg(call, 0)?)?;
                    self.push(
                        OpKind::DropColumn {
                            table: table.clone(),
                            column: self.ident(&column),
                            if_exists: call.name.ends_with("if_exists"),
                            cascade: false,
                        },
                        span,
                    );
                }
                "add_foreign_key" => {
                    let arg = self.arg(call, 0)?;
                    let (name, _, fk) = self.foreign_key(arg)?;
                    self.push(
                        OpKind::AddConstraint {
                            table: table.clone(),
                            constraint: Constraint {
                                name,
                                kind: ConstraintKind::ForeignKey(fk),
                                not_valid: false,
                                span: self.src.span_of(arg),
                            },
                        },
                        span,
                    );
                }
                "drop_foreign_key" | "drop_constraint" => {
                    let name = self.iden(self.arg(call, 0)?)?;
                    self.push(
                        OpKind::DropConstraint {
                            table: table.clone(),
                            name: self.ident(&name),
                            if_exists: false,
                            cascade: false,
                        },
                        span,
                    );
                }
                other => {
                    return Err(Unresolved {
                        reason: format!("`.{other}(...)` on `Table::alter()` is not understood"),
                        span: call.span,
                    });
                }
            }
        }
        Ok(())
    }

    /// `modify_column`: PostgreSQL gets one ALTER COLUMN per property set; MySQL a full
    /// `MODIFY COLUMN` redefinition; SQLite cannot, and sea-query refuses.
    fn modify_column(&mut self, table: &ObjectName, column: ColumnDef, span: Span) {
        match self.dialect {
            Dialect::Postgres => {
                let name = column.name.clone();
                self.push(
                    OpKind::AlterColumnType { table: table.clone(), column: name.clone(), ty: column.ty, using: None },
                    span,
                );
                match column.nullable {
                    Some(false) => self.push(OpKind::SetNotNull { table: table.clone(), column: name.clone() }, span),
                    Some(true) => self.push(OpKind::DropNotNull { table: table.clone(), column: name.clone() }, span),
                    None => {}
                }
                if let Some(default) = column.default {
                    self.push(OpKind::SetDefault { table: table.clone(), column: name.clone(), default }, span);
                }
                for mut c in column.constraints {
                    match &mut c.kind {
                        ConstraintKind::Unique { columns, .. } | ConstraintKind::PrimaryKey { columns, .. } => {
                            columns.push(name.clone())
                        }
                        _ => {}
                    }
                    self.push(OpKind::AddConstraint { table: table.clone(), constraint: c }, span);
                }
            }
            Dialect::MySql => {
                let name = column.name.clone();
                self.push(OpKind::RedefineColumn { table: table.clone(), column: name, def: column }, span);
            }
            Dialect::Sqlite => self.opaque(span, "`modify_column` on SQLite, which sea-query refuses".into()),
        }
    }

    fn table_drop(&mut self, chain: &Chain, span: Span) -> Res<()> {
        let if_exists = chain.calls.iter().any(|c| c.name == "if_exists");
        let cascade = chain.calls.iter().any(|c| c.name == "cascade");
        let mut any = false;
        for call in chain.calls.iter().filter(|c| c.name == "table") {
            let name = self.table_ref(self.arg(call, 0)?)?;
            self.push(OpKind::DropTable { name, if_exists, cascade }, span);
            any = true;
        }
        if !any {
            return Err(Unresolved { reason: "`Table::drop()` without `.table(...)`".into(), span });
        }
        Ok(())
    }

    fn table_rename(&mut self, chain: &Chain, span: Span) -> Res<()> {
        let call = chain
            .calls
            .iter()
            .find(|c| c.name == "table")
            .ok_or_else(|| Unresolved { reason: "`Table::rename()` without `.table(...)`".into(), span })?;
        let from = self.table_ref(self.arg(call, 0)?)?;
        let to = self.table_ref(self.arg(call, 1)?)?;
        self.push(OpKind::RenameTable { table: from, new_name: to.name }, span);
        Ok(())
    }

    fn data_change(&mut self, chain: &Chain, span: Span, kind: DataChangeKind, table_method: &str) -> Res<()> {
        let table = match chain.calls.iter().find(|c| c.name == table_method) {
            Some(call) => Some(self.table_ref(self.arg(call, 0)?)?),
            None => None,
        };
        self.push(OpKind::DataChange { kind, table, from: Vec::new() }, span);
        Ok(())
    }

    fn type_create(&mut self, chain: &Chain, span: Span) -> Res<()> {
        let mut name = None;
        let mut values = Vec::new();
        for call in &chain.calls {
            match call.name.as_str() {
                "as_enum" => name = Some(self.type_name(self.arg(call, 0)?)?),
                "values" => {
                    let arg = self.arg(call, 0)?;
                    let elems: Vec<syn::Expr> = match strip(arg) {
                        syn::Expr::Array(a) => a.elems.iter().cloned().collect(),
                        syn::Expr::Macro(m) if m.mac.path.is_ident("vec") => m
                            .mac
                            .parse_body_with(Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
                            .map_err(|_| Unresolved {
                                reason: "the enum values could not be read".into(),
                                span: call.span,
                            })?
                            .into_iter()
                            .collect(),
                        other => {
                            return Err(Unresolved {
                                reason: format!(
                                    "the enum values `{}` are made at run time",
                                    shorten(self.src.text_of(self.src.span_of(other)))
                                ),
                                span: call.span,
                            });
                        }
                    };
                    for e in &elems {
                        values.push(self.iden(e)?);
                    }
                }
                other => {
                    return Err(Unresolved {
                        reason: format!("`.{other}(...)` on `Type::create()` is not understood"),
                        span: call.span,
                    });
                }
            }
        }
        let name =
            name.ok_or_else(|| Unresolved { reason: "`Type::create()` without `.as_enum(...)`".into(), span })?;
        self.push(OpKind::CreateEnum { name, values }, span);
        Ok(())
    }

    fn type_name(&self, expr: &syn::Expr) -> Res<ObjectName> {
        self.table_ref(expr)
    }

    fn type_alter(&mut self, chain: &Chain, span: Span) -> Res<()> {
        let mut name = None;
        let mut change = None;
        let mut if_not_exists = false;
        let mut before = None;
        let mut after = None;
        for call in &chain.calls {
            match call.name.as_str() {
                "name" => name = Some(self.type_name(self.arg(call, 0)?)?),
                "add_value" => change = Some(("add", self.iden(self.arg(call, 0)?)?, None)),
                "rename_value" => {
                    change =
                        Some(("rename_value", self.iden(self.arg(call, 0)?)?, Some(self.iden(self.arg(call, 1)?)?)))
                }
                "rename_to" => change = Some(("rename", self.iden(self.arg(call, 0)?)?, None)),
                "if_not_exists" => if_not_exists = true,
                "before" => before = Some(self.iden(self.arg(call, 0)?)?),
                "after" => after = Some(self.iden(self.arg(call, 0)?)?),
                other => {
                    return Err(Unresolved {
                        reason: format!("`.{other}(...)` on `Type::alter()` is not understood"),
                        span: call.span,
                    });
                }
            }
        }
        let name = name.ok_or_else(|| Unresolved { reason: "`Type::alter()` without `.name(...)`".into(), span })?;
        let change = match change {
            Some(("add", value, _)) => EnumChange::AddValue { value, if_not_exists, before, after },
            Some(("rename_value", from, Some(to))) => EnumChange::RenameValue { from, to },
            Some((_, new_name, _)) => EnumChange::Rename { new_name: self.ident(&new_name) },
            None => return Err(Unresolved { reason: "`Type::alter()` that changes nothing".into(), span }),
        };
        self.push(OpKind::AlterEnum { name, change }, span);
        Ok(())
    }

    fn type_drop(&mut self, chain: &Chain, span: Span) -> Res<()> {
        let if_exists = chain.calls.iter().any(|c| c.name == "if_exists");
        let cascade = chain.calls.iter().any(|c| c.name == "cascade");
        let mut names = Vec::new();
        for call in &chain.calls {
            match call.name.as_str() {
                "name" => names.push(self.type_name(self.arg(call, 0)?)?),
                "names" => {
                    let arg = self.arg(call, 0)?;
                    match strip(arg) {
                        syn::Expr::Array(a) => {
                            for e in &a.elems {
                                names.push(self.type_name(e)?);
                            }
                        }
                        _ => return Err(Unresolved { reason: "type names made at run time".into(), span: call.span }),
                    }
                }
                "if_exists" | "cascade" | "restrict" => {}
                other => {
                    return Err(Unresolved {
                        reason: format!("`.{other}(...)` on `Type::drop()` is not understood"),
                        span: call.span,
                    });
                }
            }
        }
        if names.is_empty() {
            return Err(Unresolved { reason: "`Type::drop()` without `.name(...)`".into(), span });
        }
        for name in names {
            self.push(OpKind::DropType { name, if_exists, cascade }, span);
        }
        Ok(())
    }
}

/// An index as the builder describes it.
#[derive(Default)]
struct IndexParts {
    name: Option<Ident>,
    table: Option<ObjectName>,
    keys: Vec<IndexKey>,
    unique: bool,
    primary: bool,
    if_not_exists: bool,
    if_exists: bool,
    nulls_not_distinct: bool,
    method: Option<String>,
    include: Vec<Ident>,
    predicate: Option<String>,
}

impl IndexParts {
    fn columns(&self) -> Vec<Ident> {
        self.keys.iter().filter_map(|k| k.column().cloned()).collect()
    }

    fn into_create(self, table: ObjectName) -> CreateIndex {
        CreateIndex {
            name: self.name,
            schema: table.schema.clone(),
            table,
            keys: self.keys,
            unique: self.unique,
            concurrently: false,
            if_not_exists: self.if_not_exists,
            method: self.method,
            predicate: self.predicate,
            include: self.include,
            only: false,
        }
    }
}

fn strip(expr: &syn::Expr) -> &syn::Expr {
    match expr {
        syn::Expr::Reference(r) => strip(&r.expr),
        syn::Expr::Paren(p) => strip(&p.expr),
        syn::Expr::Group(g) => strip(&g.expr),
        syn::Expr::MethodCall(mc) if mc.args.is_empty() && PASS_THROUGH.contains(&mc.method.to_string().as_str()) => {
            strip(&mc.receiver)
        }
        other => other,
    }
}

fn path_names(expr: &syn::Expr) -> Vec<String> {
    match expr {
        syn::Expr::Path(p) => p.path.segments.iter().map(|s| s.ident.to_string()).collect(),
        _ => Vec::new(),
    }
}

fn int_literal(expr: &syn::Expr) -> Option<u32> {
    match strip(expr) {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => i.base10_parse().ok(),
        _ => None,
    }
}

/// Collects the integer literals of an expression, for `ColumnType::String(StringLen::N(40))`.
struct IntFinder<'v>(&'v mut Vec<u32>);

impl<'ast> Visit<'ast> for IntFinder<'_> {
    fn visit_lit_int(&mut self, i: &'ast syn::LitInt) {
        if let Ok(n) = i.base10_parse() {
            self.0.push(n);
        }
    }
}

fn backend_variant(name: &str) -> Option<Dialect> {
    match name {
        "Postgres" => Some(Dialect::Postgres),
        "MySql" => Some(Dialect::MySql),
        "Sqlite" => Some(Dialect::Sqlite),
        _ => None,
    }
}

fn ref_action(expr: &syn::Expr) -> RefAction {
    let name = match strip(expr) {
        syn::Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
        _ => String::new(),
    };
    match name.as_str() {
        "Cascade" => RefAction::Cascade,
        "SetNull" => RefAction::SetNull,
        "SetDefault" => RefAction::SetDefault,
        "Restrict" => RefAction::Restrict,
        _ => RefAction::NoAction,
    }
}

/// Whether a bound expression starts a builder (`Table::create()`, `ColumnDef::new(..)`).
fn is_constructor_chain(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::MethodCall(mc) => is_constructor_chain(&mc.receiver),
        syn::Expr::Reference(r) => is_constructor_chain(&r.expr),
        syn::Expr::Paren(p) => is_constructor_chain(&p.expr),
        syn::Expr::Call(c) => matches!(&*c.func, syn::Expr::Path(_)),
        _ => false,
    }
}

/// A value a default is set to.
fn value_expr(interp: &Interp<'_, '_>, expr: &syn::Expr) -> Option<Expr> {
    match strip(expr) {
        syn::Expr::Lit(l) => match &l.lit {
            syn::Lit::Int(i) => Some(Expr::Number(i.base10_digits().to_owned())),
            syn::Lit::Float(f) => Some(Expr::Number(f.base10_digits().to_owned())),
            syn::Lit::Bool(b) => Some(Expr::Bool(b.value)),
            syn::Lit::Str(s) => Some(Expr::String(s.value())),
            _ => None,
        },
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => {
            value_expr(interp, &u.expr).map(|e| Expr::Neg(Box::new(e)))
        }
        syn::Expr::Call(c) => {
            let names = path_names(&c.func);
            let last = names.last().map(String::as_str);
            match (last, c.args.first()) {
                (Some("current_timestamp"), None) => {
                    Some(Expr::Keyword { name: "CURRENT_TIMESTAMP".into(), precision: None })
                }
                (Some("current_date"), None) => Some(Expr::Keyword { name: "CURRENT_DATE".into(), precision: None }),
                (Some("current_time"), None) => Some(Expr::Keyword { name: "CURRENT_TIME".into(), precision: None }),
                (Some("cust" | "cust_with_values" | "Custom" | "custom_keyword"), Some(arg)) => {
                    let sql = interp.string(arg).ok().or_else(|| interp.iden(arg).ok())?;
                    Some(sql_value(&sql))
                }
                (Some("val" | "value" | "from" | "Some" | "new"), Some(arg)) => value_expr(interp, arg),
                (Some("None"), None) => Some(Expr::Null),
                _ => None,
            }
        }
        syn::Expr::Path(p) => match p.path.segments.last().map(|s| s.ident.to_string()).as_deref() {
            Some("None") => Some(Expr::Null),
            Some("CurrentTimestamp") => Some(Expr::Keyword { name: "CURRENT_TIMESTAMP".into(), precision: None }),
            _ => interp.string(expr).ok().map(Expr::String),
        },
        _ => None,
    }
}

/// A custom SQL default: a call without arguments (`now()`, `gen_random_uuid()`) keeps
/// its structure, so volatility is known; anything else is raw SQL.
fn sql_value(sql: &str) -> Expr {
    let t = sql.trim();
    if let Some(name) = t.strip_suffix("()")
        && !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
    {
        return Expr::Function { name: name.to_ascii_lowercase(), args: Vec::new() };
    }
    match t.to_ascii_uppercase().as_str() {
        "CURRENT_TIMESTAMP" | "CURRENT_DATE" | "CURRENT_TIME" | "LOCALTIMESTAMP" => {
            Expr::Keyword { name: t.to_ascii_uppercase(), precision: None }
        }
        _ => Expr::Raw(t.to_owned()),
    }
}

/// Which kind of write a chain ending in `exec(db)` or `update(db)` is.
fn data_change_kind(expr: &syn::Expr) -> DataChangeKind {
    struct Finder(Option<DataChangeKind>);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_ident(&mut self, i: &'ast proc_macro2::Ident) {
            let kind = match i.to_string().as_str() {
                "insert" | "insert_many" | "insert_one" => DataChangeKind::Insert,
                "delete" | "delete_many" | "delete_by_id" => DataChangeKind::Delete,
                "update" | "update_many" | "save" => DataChangeKind::Update,
                _ => return,
            };
            self.0.get_or_insert(kind);
        }
    }
    let mut f = Finder(None);
    f.visit_expr(expr);
    f.0.unwrap_or(DataChangeKind::Update)
}

/// Whether an `if` condition asks whether a schema object exists.
fn mentions_existence_check(cond: &syn::Expr) -> bool {
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_expr_method_call(&mut self, mc: &'ast syn::ExprMethodCall) {
            if matches!(mc.method.to_string().as_str(), "has_table" | "has_column" | "has_index") {
                self.0 = true;
            }
            syn::visit::visit_expr_method_call(self, mc);
        }
    }
    let mut f = Finder(false);
    f.visit_expr(cond);
    f.0
}

/// Whether an expression calls anything that changes the schema or runs SQL.
fn has_effects(expr: &syn::Expr) -> bool {
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_expr_method_call(&mut self, mc: &'ast syn::ExprMethodCall) {
            if EFFECT_METHODS.contains(&mc.method.to_string().as_str()) {
                self.0 = true;
            }
            syn::visit::visit_expr_method_call(self, mc);
        }
    }
    let mut f = Finder(false);
    f.visit_expr(expr);
    f.0
}

fn has_effects_in_tokens(mac: &syn::Macro) -> bool {
    let text = mac.tokens.to_string();
    EFFECT_METHODS.iter().any(|m| text.contains(&format!("{m} (")) || text.contains(&format!(". {m}")))
}

fn shorten(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 60 {
        format!("{}…", one_line.chars().take(59).collect::<String>())
    } else {
        one_line
    }
}
