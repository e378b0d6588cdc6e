//! One Alembic revision file: its identifiers, its message, and the ops of `upgrade()` and
//! `downgrade()`.
//!
//! The module level is read with the queries in `grammars/python/`: assignments give the
//! revision identifiers and the constants the functions may use; function definitions give
//! the bodies to walk.

use std::collections::{HashMap, HashSet};

use sg_grammars::tree_sitter::{Node, QueryCursor, StreamingIterator};
use sg_grammars::{Lang, query};
use sg_model::finding::builtin::{UNPARSED_STATEMENT, UNSUPPORTED_CONSTRUCT};
use sg_model::{Dialect, FileId, Finding, Op, Span};

use crate::body::{Module, Walker};
use crate::py::{Source, Value, decode_string};

/// What one revision file says.
#[derive(Debug)]
pub struct Revision {
    /// `revision = "..."`; `None` when the file has none (then it is not a revision).
    pub id: Option<String>,
    /// The `revision = ...` assignment, or the start of the file.
    pub id_span: Span,
    /// `down_revision`: none for a base, one, or several for a merge.
    pub down_revisions: Vec<String>,
    pub depends_on: Vec<String>,
    pub branch_labels: Vec<String>,
    /// The `down_revision = ...` assignment, or `id_span`.
    pub parents_span: Span,
    /// The first line of the module docstring, which Alembic fills with the message.
    pub message: String,
    pub up: Vec<Op>,
    /// `None` when the file has no `downgrade()`.
    pub down: Option<Vec<Op>>,
    pub findings: Vec<Finding>,
}

/// Reads one revision file written for `dialect`.
pub fn extract_revision<'s>(
    text: &'s str,
    file: FileId,
    dialect: Dialect,
    custom_types: &'s std::collections::BTreeMap<String, String>,
) -> Revision {
    let src = Source { text, file };
    let mut rev = Revision {
        id: None,
        id_span: Span::file_start(file),
        down_revisions: Vec::new(),
        depends_on: Vec::new(),
        branch_labels: Vec::new(),
        parents_span: Span::file_start(file),
        message: String::new(),
        up: Vec::new(),
        down: None,
        findings: Vec::new(),
    };
    let Some(tree) = Lang::Python.parser().parse(text, None) else {
        rev.findings.push(Finding::new(
            UNPARSED_STATEMENT,
            Span::file_start(file),
            "The file could not be parsed as Python",
        ));
        return rev;
    };
    let root = tree.root_node();
    report_syntax_errors(&src, root, &mut rev.findings);

    // Module-level assignments: identifiers and constants.
    let mut consts: HashMap<String, Value<'_>> = HashMap::new();
    let mut statements: HashMap<String, Span> = HashMap::new();
    let module =
        Module { src: Source { text, file }, dialect, custom_types, consts: HashMap::new(), functions: HashSet::new() };
    let walker = Walker::new(&module);
    if let Some(q) = query(Lang::Python, "module_assignments") {
        let (name_ix, value_ix, stmt_ix) = (capture(q, "name"), capture(q, "value"), capture(q, "statement"));
        let mut cursor = QueryCursor::new();
        let mut matches = cursor.matches(q, root, text.as_bytes());
        while let Some(m) = matches.next() {
            let get = |ix| m.captures().iter().find(|c| Some(c.index) == ix).map(|c| c.node);
            let (Some(name), Some(value), Some(stmt)) = (get(name_ix), get(value_ix), get(stmt_ix)) else { continue };
            let name = src.text_of(name).to_owned();
            // Constants may refer to earlier constants.
            let v = evaluate_constant(&walker, &consts, value);
            statements.insert(name.clone(), src.span(stmt));
            consts.insert(name, v);
        }
    }
    drop(walker);

    let strings = |v: Option<&Value<'_>>| -> Vec<String> {
        match v {
            Some(Value::Str(s)) => vec![s.value.clone()],
            Some(Value::Seq(items)) => items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect(),
            _ => Vec::new(),
        }
    };
    rev.id = consts.get("revision").and_then(|v| v.as_str().map(str::to_owned));
    if let Some(span) = statements.get("revision") {
        rev.id_span = *span;
    }
    rev.parents_span = statements.get("down_revision").copied().unwrap_or(rev.id_span);
    rev.down_revisions = strings(consts.get("down_revision"));
    rev.depends_on = strings(consts.get("depends_on"));
    rev.branch_labels = strings(consts.get("branch_labels"));
    for key in ["revision", "down_revision", "depends_on", "branch_labels"] {
        if let Some(Value::Dynamic(reason)) = consts.get(key) {
            let span = statements.get(key).copied().unwrap_or(rev.id_span);
            rev.findings.push(Finding::new(UNSUPPORTED_CONSTRUCT, span, format!("Skipped: `{key}` is not a literal: {reason}")).with_help("Alembic reads these identifiers when it loads the file; write them as string literals so the revision graph can be read"));
        }
    }

    // The message: the docstring's first line.
    if let Some(q) = query(Lang::Python, "module_docstring") {
        let mut cursor = QueryCursor::new();
        let mut matches = cursor.matches(q, root, text.as_bytes());
        if let Some(m) = matches.next()
            && let Some(c) = m.captures().first()
            && let Ok(doc) = decode_string(&src, c.node)
        {
            rev.message = doc.value.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("").to_owned();
        }
    }

    // Functions.
    let mut bodies: Vec<(String, Node<'_>)> = Vec::new();
    if let Some(q) = query(Lang::Python, "migration_functions") {
        let (name_ix, body_ix) = (capture(q, "name"), capture(q, "body"));
        let mut cursor = QueryCursor::new();
        let mut matches = cursor.matches(q, root, text.as_bytes());
        while let Some(m) = matches.next() {
            let get = |ix| m.captures().iter().find(|c| Some(c.index) == ix).map(|c| c.node);
            if let (Some(name), Some(body)) = (get(name_ix), get(body_ix)) {
                bodies.push((src.text_of(name).to_owned(), body));
            }
        }
    }
    let functions: HashSet<String> = bodies.iter().map(|(n, _)| n.clone()).collect();
    let module = Module { src, dialect, custom_types, consts, functions };
    for (name, body) in &bodies {
        let direction = match name.as_str() {
            "upgrade" => true,
            "downgrade" => false,
            _ => continue,
        };
        let mut w = Walker::new(&module);
        w.block(*body);
        let Walker { ops, findings, .. } = w;
        rev.findings.extend(findings);
        if direction {
            rev.up = ops;
        } else {
            rev.down = Some(ops);
        }
    }
    rev
}

fn capture(q: &sg_grammars::tree_sitter::Query, name: &str) -> Option<u32> {
    q.capture_index_for_name(name)
}

/// A module-level value: literals and names of earlier constants; anything else is kept as
/// its node, which only matters if a function uses it.
fn evaluate_constant<'t>(
    walker: &Walker<'_, '_, 't>,
    consts: &HashMap<String, Value<'t>>,
    node: Node<'t>,
) -> Value<'t> {
    if node.kind() == "identifier"
        && let Some(v) = consts.get(walker.src().text_of(node))
    {
        return v.clone();
    }
    match walker.eval(node) {
        Value::Dynamic(_) if node.kind() == "identifier" => {
            Value::Dynamic(format!("`{}` is defined outside this file", walker.src().text_of(node)))
        }
        v => v,
    }
}

/// One finding per syntax error, at the error; the rest of the file is still read.
fn report_syntax_errors(src: &Source<'_>, root: Node<'_>, out: &mut Vec<Finding>) {
    if !root.has_error() {
        return;
    }
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node.is_error() || node.is_missing() {
            let span = src.span(node);
            let what =
                if node.is_missing() { format!("missing `{}`", node.kind()) } else { "invalid syntax".to_owned() };
            out.push(
                Finding::new(
                    UNPARSED_STATEMENT,
                    span,
                    format!("Python syntax error ({what}); the code around it was skipped"),
                )
                .with_help("Alembic cannot load this revision; fix the syntax"),
            );
            continue;
        }
        if node.has_error() {
            let mut cursor = node.walk();
            let children: Vec<Node<'_>> = node.children(&mut cursor).collect();
            stack.extend(children.into_iter().rev());
        }
    }
}
