//! goose Go migrations: the registration in `init`, the up and down functions it names,
//! and the SQL those functions execute.
//!
//! ```go
//! func init() { goose.AddMigrationContext(upUsers, downUsers) }
//!
//! func upUsers(ctx context.Context, tx *sql.Tx) error {
//!     _, err := tx.ExecContext(ctx, `CREATE TABLE users (id bigint PRIMARY KEY)`)  // -> CreateTable
//!     return err
//! }
//! ```
//!
//! SQL given as literals, concatenations of literals and constants goes to the SQL
//! extractor with an offset map into the Go file. SQL built at run time (`fmt.Sprintf`),
//! SQL run in a loop, and helpers handed the connection become `Opaque` ops with the
//! reason; SQL run under an `if` is kept but marked conditional.

use sg_extract_sql::{MigrationName, extract_sql};
use sg_grammars::tree_sitter::{Node, Tree};
use sg_grammars::{Lang, query};
use sg_model::finding::builtin::UNSUPPORTED_CONSTRUCT;
use sg_model::migration::OrderKey;
use sg_model::{Dialect, FileId, Finding, Op, OpKind, Span};

use crate::go::{
    Consts, Source, StrValue, bind, capture, eval_str, first_line, for_each_match, package_consts, parse,
    report_syntax_errors,
};

/// What one goose Go migration file says.
#[derive(Debug)]
pub struct GooseGoMigration {
    /// The `goose.Add...Migration...` call; `None` when the file registers no migration.
    pub registration: Option<Span>,
    /// The file name given to `AddNamedMigration...`, which then decides the version.
    pub named: Option<String>,
    pub up: Vec<Op>,
    /// `None` when the down function is `nil`.
    pub down: Option<Vec<Op>>,
    /// False for the `NoTx` registrations, which run outside a transaction.
    pub transactional: bool,
    pub findings: Vec<Finding>,
}

/// The version goose takes from a migration file name: the digits before the first `_`
/// (`00002_add_users.go`, `20240101120000_x.go`); `None` when goose would refuse the name.
pub fn goose_go_name(file_name: &str) -> Option<MigrationName> {
    let stem = file_name.strip_suffix(".go")?;
    let (version, name) = stem.split_once('_')?;
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit()) || version.bytes().all(|b| b == b'0') {
        return None;
    }
    Some(MigrationName {
        version: version.to_owned(),
        name: name.to_owned(),
        direction: sg_extract_sql::Direction::Both,
        key: OrderKey::versioned(&[version], file_name),
    })
}

/// Reads one Go file of a goose migrations directory. `package` holds the other files of
/// its Go package: their constants and helper functions are visible to it, as in Go.
pub fn extract_goose_go(text: &str, file: FileId, dialect: Dialect, package: &[(FileId, &str)]) -> GooseGoMigration {
    // Most migrations are self-contained; the package's other files are parsed only when
    // the file names something it does not define, so a directory of many Go migrations
    // is not parsed once per migration.
    let alone = extract_with(text, file, dialect, &[]);
    let missed = |ops: &[Op]| {
        ops.iter().any(|op| match &op.kind {
            OpKind::Opaque { reason } => {
                reason.contains(NOT_IN_FILE) || reason.contains(NOT_DEFINED) || reason.contains(HANDED_CONNECTION)
            }
            _ => false,
        })
    };
    if package.iter().all(|(id, _)| *id == file) || !(missed(&alone.up) || alone.down.as_deref().is_some_and(missed)) {
        return alone;
    }
    extract_with(text, file, dialect, package)
}

/// Reasons that say a name was not found in the file alone.
const NOT_IN_FILE: &str = "is not a constant of this file";
const NOT_DEFINED: &str = "is not defined in its package";
const HANDED_CONNECTION: &str = "is called with the connection";

fn extract_with(text: &str, file: FileId, dialect: Dialect, package: &[(FileId, &str)]) -> GooseGoMigration {
    let src = Source { text, file };
    let mut out = GooseGoMigration {
        registration: None,
        named: None,
        up: Vec::new(),
        down: None,
        transactional: true,
        findings: Vec::new(),
    };
    let Some(tree) = parse(text) else { return out };
    let root = tree.root_node();
    report_syntax_errors(&src, root, &mut out.findings);
    let siblings: Vec<(Source<'_>, Tree)> = package
        .iter()
        .filter(|(id, _)| *id != file)
        .filter_map(|(id, t)| parse(t).map(|tree| (Source { text: t, file: *id }, tree)))
        .collect();

    // This file's names first, then the package's.
    let mut consts = package_consts(&src, root);
    let mut functions: Vec<Func<'_>> = Vec::new();
    collect_functions(src, root, &mut functions);
    for (ssrc, stree) in &siblings {
        consts.merge(&package_consts(ssrc, stree.root_node()));
        collect_functions(*ssrc, stree.root_node(), &mut functions);
    }

    let mut registrations: Vec<(Node<'_>, String, Node<'_>)> = Vec::new();
    for_each_match(query(Lang::Go, "goose_registrations"), root, text, |m, q| {
        if let (Some(call), Some(function), Some(args)) =
            (capture(m, q, "call"), capture(m, q, "function"), capture(m, q, "args"))
        {
            registrations.push((call, src.text_of(function).to_owned(), args));
        }
    });
    let Some((call, function, args)) = registrations.first().cloned() else { return out };
    for extra in registrations.iter().skip(1) {
        out.findings.push(
            Finding::new(UNSUPPORTED_CONSTRUCT, src.span(extra.0), "Skipped: a second goose registration in one file; goose rejects it because both get the file's version")
                .with_help("register one migration per file"),
        );
    }
    out.registration = Some(src.span(call));
    out.transactional = !function.contains("NoTx");
    let mut c = args.walk();
    let mut args: Vec<Node<'_>> = args.named_children(&mut c).filter(|n| n.kind() != "comment").collect();
    if function.starts_with("AddNamed") && !args.is_empty() {
        let name = args.remove(0);
        match eval_str(&src, name, &[&consts], 0) {
            StrValue::Str(s) => out.named = Some(s.value.rsplit('/').next().unwrap_or("").to_owned()),
            StrValue::Dynamic(_) => {}
        }
    }
    let cx = FnCx { dialect, consts: &consts, functions: &functions };
    let (up, down) = (args.first().copied(), args.get(1).copied());
    match up {
        Some(up) => out.up = cx.migration_function(src, up, &mut out.findings).unwrap_or_default(),
        None => out.findings.push(Finding::new(
            UNSUPPORTED_CONSTRUCT,
            src.span(call),
            "Skipped: the registration names no up function",
        )),
    }
    out.down = down.and_then(|d| cx.migration_function(src, d, &mut out.findings));
    out
}

/// A top-level function of the package, with the file it is written in.
struct Func<'t> {
    name: String,
    src: Source<'t>,
    params: Node<'t>,
    body: Node<'t>,
}

fn collect_functions<'t>(src: Source<'t>, root: Node<'t>, out: &mut Vec<Func<'t>>) {
    for_each_match(query(Lang::Go, "functions"), root, src.text, |m, q| {
        if let (Some(name), Some(params), Some(body)) =
            (capture(m, q, "name"), capture(m, q, "params"), capture(m, q, "body"))
        {
            out.push(Func { name: src.text_of(name).to_owned(), src, params, body });
        }
    });
}

struct FnCx<'a, 't> {
    dialect: Dialect,
    consts: &'a Consts<'t>,
    functions: &'a [Func<'t>],
}

/// Methods of `*sql.Tx`, `*sql.DB`, pgx and sqlx connections (and `*gorm.DB`) whose first
/// argument after an optional context is SQL that runs.
const EXEC_METHODS: &[&str] = &[
    "Exec",
    "ExecContext",
    "MustExec",
    "MustExecContext",
    "Query",
    "QueryContext",
    "QueryRow",
    "QueryRowContext",
    "Raw",
];

/// Callees that only format, wrap errors or log.
const HARMLESS_PACKAGES: &[&str] = &["fmt", "errors", "log", "slog", "strings", "strconv", "time", "context"];

/// How deep helpers are followed: a helper that calls a helper that calls a helper.
const MAX_HELPER_DEPTH: usize = 4;

/// One binding of a local name: its value (or why it has none known statically), the
/// byte range of the block it is visible in, and where it is bound.
struct Binding<'t> {
    name: String,
    value: Result<(Source<'t>, Node<'t>), String>,
    scope: std::ops::Range<usize>,
    at: usize,
    /// `x = ...` rather than `x := ...` or `var x = ...`.
    reassign: bool,
}

#[derive(Clone, Copy, Default)]
struct Place {
    in_loop: bool,
    conditional: bool,
}

/// The walk of one function body: its source, the names that hold the connection, its
/// locals, and the helpers being followed (against recursion).
struct Walk<'w, 't> {
    src: Source<'t>,
    connections: Vec<String>,
    locals: Vec<Binding<'t>>,
    stack: &'w mut Vec<String>,
    ops: &'w mut Vec<Op>,
    findings: &'w mut Vec<Finding>,
}

impl<'t> FnCx<'_, 't> {
    /// The ops of an up or down function given as an argument; `None` for `nil`.
    fn migration_function(&self, src: Source<'t>, node: Node<'t>, findings: &mut Vec<Finding>) -> Option<Vec<Op>> {
        let (params, body) = match node.kind() {
            "nil" => return None,
            "func_literal" => (node.child_by_field_name("parameters"), node.child_by_field_name("body")),
            "identifier" => {
                let name = src.text_of(node);
                match self.functions.iter().find(|f| f.name == name) {
                    Some(f) => {
                        let mut ops = Vec::new();
                        let mut stack = vec![f.name.clone()];
                        let connections = self.connection_names(f.src, f.params);
                        self.body(f.src, f.body, connections, Place::default(), &mut stack, &mut ops, findings);
                        return Some(ops);
                    }
                    None => {
                        let reason = format!("the migration function `{name}` is not defined in its package");
                        return Some(vec![opaque(src.span(node), reason, findings)]);
                    }
                }
            }
            _ => {
                let reason =
                    format!("the migration function `{}` is chosen at run time", first_line(src.text_of(node)));
                return Some(vec![opaque(src.span(node), reason, findings)]);
            }
        };
        let Some(body) = body else { return Some(Vec::new()) };
        let connections = params.map(|p| self.connection_names(src, p)).unwrap_or_default();
        let mut ops = Vec::new();
        self.body(src, body, connections, Place::default(), &mut Vec::new(), &mut ops, findings);
        Some(ops)
    }

    #[allow(clippy::too_many_arguments, reason = "one walk's whole state, passed down once")]
    fn body(
        &self,
        src: Source<'t>,
        body: Node<'t>,
        connections: Vec<String>,
        place: Place,
        stack: &mut Vec<String>,
        ops: &mut Vec<Op>,
        findings: &mut Vec<Finding>,
    ) {
        let mut locals = Vec::new();
        collect_locals(src, body, body, &mut locals);
        let mut w = Walk { src, connections, locals, stack, ops, findings };
        self.walk(&mut w, body, place);
    }

    /// The parameters that hold the connection: `tx *sql.Tx`, `db *sql.DB`, `conn *sql.Conn`.
    fn connection_names(&self, src: Source<'t>, params: Node<'t>) -> Vec<String> {
        let mut names = Vec::new();
        let mut c = params.walk();
        for p in params.named_children(&mut c) {
            let ty = p.child_by_field_name("type").map(|t| src.text_of(t)).unwrap_or("");
            if ty.contains("context.Context") {
                continue;
            }
            let mut pc = p.walk();
            names.extend(p.children_by_field_name("name", &mut pc).map(|n| src.text_of(n).to_owned()));
        }
        names
    }

    fn walk(&self, w: &mut Walk<'_, 't>, node: Node<'t>, place: Place) {
        match node.kind() {
            "call_expression" if self.call(w, node, place) => return,
            "for_statement" => {
                let mut c = node.walk();
                let children: Vec<Node<'t>> = node.named_children(&mut c).collect();
                for child in children {
                    self.walk(w, child, Place { in_loop: true, ..place });
                }
                return;
            }
            "if_statement" => {
                // The initializer and condition always run; the branches may not.
                for field in ["initializer", "condition"] {
                    if let Some(n) = node.child_by_field_name(field) {
                        self.walk(w, n, place);
                    }
                }
                for field in ["consequence", "alternative"] {
                    if let Some(n) = node.child_by_field_name(field) {
                        self.walk(w, n, Place { conditional: true, ..place });
                    }
                }
                return;
            }
            "expression_switch_statement"
            | "type_switch_statement"
            | "select_statement"
            | "func_literal"
            | "go_statement"
            | "defer_statement" => {
                let mut c = node.walk();
                let children: Vec<Node<'t>> = node.named_children(&mut c).collect();
                for child in children {
                    self.walk(w, child, Place { conditional: true, ..place });
                }
                return;
            }
            _ => {}
        }
        let mut c = node.walk();
        let children: Vec<Node<'t>> = node.named_children(&mut c).collect();
        for child in children {
            self.walk(w, child, place);
        }
    }

    /// Handles one call; returns true when its arguments need no further walk.
    fn call(&self, w: &mut Walk<'_, 't>, call: Node<'t>, place: Place) -> bool {
        let src = w.src;
        let Some(function) = call.child_by_field_name("function") else { return false };
        let Some(args) = call.child_by_field_name("arguments") else { return false };
        let mut c = args.walk();
        let args: Vec<Node<'t>> = args.named_children(&mut c).filter(|n| n.kind() != "comment").collect();
        let span = src.span(call);
        if function.kind() == "selector_expression" {
            let method = function.child_by_field_name("field").map(|f| src.text_of(f)).unwrap_or("");
            if EXEC_METHODS.contains(&method) {
                let sql_at = usize::from(method.ends_with("Context"));
                let Some(sql) = args.get(sql_at) else { return false };
                let visible = locals_at(&w.locals, call.byte_range());
                match eval_str(&src, *sql, &[&visible, self.consts], 0) {
                    StrValue::Str(s) => {
                        // Static SQL under a branch or in a loop runs zero or more times:
                        // it is replayed as conditional.
                        let e = extract_sql(&s.value, &s.map, self.dialect);
                        w.findings.extend(e.findings);
                        w.ops.extend(e.ops.into_iter().map(|mut op| {
                            op.conditional |= place.conditional || place.in_loop;
                            op
                        }));
                    }
                    StrValue::Dynamic(reason) if place.in_loop && !reason.contains("loop") => {
                        w.ops.push(opaque(span, format!("{reason}, in a loop"), w.findings));
                    }
                    StrValue::Dynamic(reason) => w.ops.push(opaque(span, reason, w.findings)),
                }
                return true;
            }
        }
        // A helper handed the connection may run any SQL: follow it when the package
        // defines it, else keep it as opaque.
        let callee = src.text_of(function);
        let package = callee.split('.').next().unwrap_or("");
        let receiver_is_connection = function.kind() == "selector_expression"
            && function
                .child_by_field_name("operand")
                .is_some_and(|o| w.connections.iter().any(|c| c == src.text_of(o)));
        let passed: Vec<usize> = args
            .iter()
            .enumerate()
            .filter(|(_, a)| a.kind() == "identifier" && w.connections.iter().any(|c| c == src.text_of(**a)))
            .map(|(i, _)| i)
            .collect();
        if passed.is_empty() || receiver_is_connection || HARMLESS_PACKAGES.contains(&package) {
            return false;
        }
        let helper =
            (function.kind() == "identifier").then(|| self.functions.iter().find(|f| f.name == callee)).flatten();
        match helper {
            Some(f) if !w.stack.contains(&f.name) && w.stack.len() < MAX_HELPER_DEPTH => {
                // The helper's parameters at the positions the connection was passed in.
                let mut c = f.params.walk();
                let mut names: Vec<String> = Vec::new();
                for p in f.params.named_children(&mut c) {
                    let mut pc = p.walk();
                    let ns: Vec<String> =
                        p.children_by_field_name("name", &mut pc).map(|n| f.src.text_of(n).to_owned()).collect();
                    names.extend(if ns.is_empty() { vec![String::new()] } else { ns });
                }
                let connections: Vec<String> = passed.iter().filter_map(|&i| names.get(i).cloned()).collect();
                w.stack.push(f.name.clone());
                self.body(f.src, f.body, connections, place, w.stack, w.ops, w.findings);
                w.stack.pop();
                // Its arguments may hold calls of their own.
                for a in args {
                    self.walk(w, a, place);
                }
            }
            _ => {
                w.ops.push(opaque(
                    span,
                    format!("`{callee}` is called with the connection; the SQL it runs is not read"),
                    w.findings,
                ));
            }
        }
        true
    }
}

fn opaque(span: Span, reason: String, findings: &mut Vec<Finding>) -> Op {
    findings.push(
        Finding::new(UNSUPPORTED_CONSTRUCT, span, format!("Skipped: {reason}"))
            .with_help("schemagraph reads Go migrations without running them; write the SQL as a literal or constant so it can be analyzed, or the schema model may miss what this does"),
    );
    Op::new(OpKind::Opaque { reason }, span)
}

/// Every binding of a local name (`:=`, `var`, `=`) in the body, with the block it is
/// visible in.
fn collect_locals<'t>(src: Source<'t>, node: Node<'t>, scope: Node<'t>, out: &mut Vec<Binding<'t>>) {
    let scope = if node.kind() == "block" { node } else { scope };
    let reassign = node.kind() == "assignment_statement";
    let mut push = |names: Vec<Node<'t>>, values: Option<Node<'t>>| {
        let mut scratch = Consts::default();
        if let Some(values) = values {
            bind(&src, &mut scratch, &names, values);
        }
        for name in names.iter().flat_map(|n| {
            if n.kind() == "expression_list" {
                let mut c = n.walk();
                n.named_children(&mut c).collect::<Vec<_>>()
            } else {
                vec![*n]
            }
        }) {
            let text = src.text_of(name).to_owned();
            let value = match (scratch.nodes.get(&text), scratch.dynamic.get(&text)) {
                (Some(v), _) => Ok(*v),
                (None, Some(why)) => Err(why.clone()),
                (None, None) => Err(format!("`{text}` is assigned at run time")),
            };
            out.push(Binding { name: text, value, scope: scope.byte_range(), at: name.start_byte(), reassign });
        }
    };
    match node.kind() {
        "short_var_declaration" | "assignment_statement" => {
            if let Some(left) = node.child_by_field_name("left") {
                push(vec![left], node.child_by_field_name("right"));
            }
        }
        "var_spec" | "const_spec" => {
            let mut c = node.walk();
            let names: Vec<Node<'t>> = node.children_by_field_name("name", &mut c).collect();
            push(names, node.child_by_field_name("value"));
        }
        "range_clause" => {
            if let Some(left) = node.child_by_field_name("left") {
                let mut c = left.walk();
                for name in left.named_children(&mut c).filter(|n| n.kind() == "identifier") {
                    let text = src.text_of(name).to_owned();
                    let why = format!("`{text}` takes each value of a loop at run time");
                    out.push(Binding {
                        name: text,
                        value: Err(why),
                        scope: scope.byte_range(),
                        at: name.start_byte(),
                        reassign,
                    });
                }
            }
        }
        "func_literal" => return,
        _ => {}
    }
    let mut c = node.walk();
    let children: Vec<Node<'t>> = node.named_children(&mut c).collect();
    for child in children {
        collect_locals(src, child, scope, out);
    }
}

/// The local names as seen from `at`: for each, the last binding before it in a block that
/// encloses it.
fn locals_at<'t>(bindings: &[Binding<'t>], at: std::ops::Range<usize>) -> Consts<'t> {
    let mut chosen: std::collections::HashMap<&str, &Binding<'t>> = std::collections::HashMap::new();
    for b in bindings {
        if b.at < at.start && b.scope.start <= at.start && at.end <= b.scope.end {
            let entry = chosen.entry(b.name.as_str()).or_insert(b);
            if b.at > entry.at {
                *entry = b;
            }
        }
    }
    let mut consts = Consts::default();
    for (name, b) in chosen {
        // `x = ...` under a branch between the binding and the use: which value arrives
        // depends on the path taken.
        let branched = bindings.iter().any(|o| {
            o.reassign
                && o.name == name
                && o.at > b.at
                && o.at < at.start
                && !(o.scope.start <= at.start && at.end <= o.scope.end)
        });
        if branched {
            consts.dynamic.insert(
                name.to_owned(),
                format!("`{name}` is reassigned under a condition; its value depends on the path taken"),
            );
            continue;
        }
        match &b.value {
            Ok(v) => {
                consts.nodes.insert(name.to_owned(), *v);
            }
            Err(why) => {
                consts.dynamic.insert(name.to_owned(), why.clone());
            }
        }
    }
    consts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_as_goose_takes_them() {
        let n = goose_go_name("00002_add_users.go").unwrap();
        assert_eq!((n.version.as_str(), n.name.as_str()), ("00002", "add_users"));
        assert!(goose_go_name("main.go").is_none());
        assert!(goose_go_name("0_x.go").is_none());
        assert!(goose_go_name("2024-01-01_x.go").is_none());
    }
}
