//! Go source helpers: node text and spans, string literals decoded with an offset map back
//! into the file, concatenations of literals, and the package-level constants a string may
//! name.

use std::collections::HashMap;

use sg_grammars::tree_sitter::{Node, Query, QueryCursor, StreamingIterator, Tree};
use sg_grammars::{Lang, query};
use sg_model::finding::builtin::UNPARSED_STATEMENT;
use sg_model::{FileId, Finding, OffsetMap, Span};

/// The source of one file and where it sits in the file table.
#[derive(Clone, Copy)]
pub(crate) struct Source<'s> {
    pub(crate) text: &'s str,
    pub(crate) file: FileId,
}

impl<'s> Source<'s> {
    pub(crate) fn text_of(&self, node: Node<'_>) -> &'s str {
        self.text.get(node.byte_range()).unwrap_or("")
    }

    pub(crate) fn span(&self, node: Node<'_>) -> Span {
        Span::new(self.file, node.start_byte(), node.end_byte())
    }
}

/// Parses Go source; `None` only if tree-sitter gives up entirely.
pub(crate) fn parse(text: &str) -> Option<Tree> {
    Lang::Go.parser().parse(text, None)
}

/// A Go string's value, with the map from its bytes to the file.
#[derive(Clone, Debug)]
pub(crate) struct GoStr {
    pub(crate) value: String,
    pub(crate) map: OffsetMap,
}

/// What a Go expression that should be a string evaluates to, without running it.
#[derive(Clone, Debug)]
pub(crate) enum StrValue {
    Str(GoStr),
    /// Only known at run time; the reason says why.
    Dynamic(String),
}

/// Decodes an `interpreted_string_literal` (`"..."` with escapes) or a
/// `raw_string_literal` (`` `...` ``, where Go drops carriage returns). `None` for other
/// nodes.
pub(crate) fn decode_string(src: &Source<'_>, node: Node<'_>) -> Option<GoStr> {
    let raw = src.text_of(node);
    let start = node.start_byte();
    match node.kind() {
        "raw_string_literal" => {
            let body = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
            let mut value = String::with_capacity(body.len());
            let mut segments = vec![(0, start + 1)];
            for (i, c) in body.char_indices() {
                if c == '\r' {
                    segments.push((value.len(), start + 1 + i + 1));
                } else {
                    value.push(c);
                }
            }
            let map = OffsetMap::from_segments(src.file, segments, value.len(), start + 1 + body.len());
            Some(GoStr { value, map })
        }
        "interpreted_string_literal" => {
            let body = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
            let (value, segments) = unescape(body, start + 1);
            let map = OffsetMap::from_segments(src.file, segments, value.len(), start + 1 + body.len());
            Some(GoStr { value, map })
        }
        _ => None,
    }
}

/// Go's escapes in an interpreted string: the value, and segments `(value offset, file
/// offset)` that start after each escape. `\x` and octal escapes give bytes; a byte that is
/// not valid UTF-8 on its own is kept as U+FFFD, which SQL never needs.
fn unescape(body: &str, file_start: usize) -> (String, Vec<(usize, usize)>) {
    let mut value = String::with_capacity(body.len());
    let mut segments = vec![(0, file_start)];
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < body.len() {
        let Some(c) = body[i..].chars().next() else { break };
        if c != '\\' {
            value.push(c);
            i += c.len_utf8();
            continue;
        }
        let Some(&e) = bytes.get(i + 1) else {
            value.push('\\');
            break;
        };
        let mut consumed = 2;
        let hex = |from: usize, n: usize| -> Option<u32> {
            body.get(from..from + n).and_then(|d| u32::from_str_radix(d, 16).ok())
        };
        match e {
            b'n' => value.push('\n'),
            b't' => value.push('\t'),
            b'r' => value.push('\r'),
            b'a' => value.push('\u{7}'),
            b'b' => value.push('\u{8}'),
            b'f' => value.push('\u{c}'),
            b'v' => value.push('\u{b}'),
            b'\\' => value.push('\\'),
            b'"' => value.push('"'),
            b'\'' => value.push('\''),
            b'x' => {
                consumed = 4;
                value.extend(hex(i + 2, 2).and_then(char::from_u32));
            }
            b'u' => {
                consumed = 6;
                value.extend(hex(i + 2, 4).and_then(char::from_u32));
            }
            b'U' => {
                consumed = 10;
                value.extend(hex(i + 2, 8).and_then(char::from_u32));
            }
            b'0'..=b'7' => {
                consumed = 4;
                let digits = body.get(i + 1..i + 4).unwrap_or("");
                value.extend(u32::from_str_radix(digits, 8).ok().and_then(char::from_u32));
            }
            other => {
                value.push('\\');
                value.push(char::from(other));
            }
        }
        i = (i + consumed).min(body.len());
        segments.push((value.len(), file_start + i));
    }
    (value, segments)
}

/// Joins strings (`"a" + "b"`, or a constant and a literal) into one value whose map
/// follows each part, so a statement that spans parts is still located in the file.
pub(crate) fn concat(parts: Vec<GoStr>) -> GoStr {
    let (value, map) = OffsetMap::concat(parts.iter().map(|p| (p.value.as_str(), &p.map)));
    GoStr { map, value }
}

/// Package-level (or function-local) names bound to string expressions, evaluated on
/// demand so a constant may name another. Each expression keeps the source it is written
/// in: a package's constants may come from any of its files.
#[derive(Default, Clone)]
pub(crate) struct Consts<'t> {
    pub(crate) nodes: HashMap<String, (Source<'t>, Node<'t>)>,
    /// Names bound to something that is not a plain expression (several assignments, a
    /// value from a call), with why.
    pub(crate) dynamic: HashMap<String, String>,
}

impl<'t> Consts<'t> {
    /// Adds `other`'s names that this set does not bind yet.
    pub(crate) fn merge(&mut self, other: &Consts<'t>) {
        for (k, v) in &other.nodes {
            if !self.nodes.contains_key(k) && !self.dynamic.contains_key(k) {
                self.nodes.insert(k.clone(), *v);
            }
        }
        for (k, v) in &other.dynamic {
            if !self.nodes.contains_key(k) && !self.dynamic.contains_key(k) {
                self.dynamic.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Evaluates an expression that should give SQL text: literals, `+` of strings,
/// parentheses and names of constants. Anything else is dynamic, with the reason.
pub(crate) fn eval_str(src: &Source<'_>, node: Node<'_>, scopes: &[&Consts<'_>], depth: usize) -> StrValue {
    if depth > 16 {
        return StrValue::Dynamic("a constant defined in terms of itself".to_owned());
    }
    match node.kind() {
        "interpreted_string_literal" | "raw_string_literal" => match decode_string(src, node) {
            Some(s) => StrValue::Str(s),
            None => StrValue::Dynamic("an unreadable string literal".to_owned()),
        },
        "parenthesized_expression" => match node.named_child(0) {
            Some(inner) => eval_str(src, inner, scopes, depth + 1),
            None => StrValue::Dynamic("an empty expression".to_owned()),
        },
        "binary_expression" => {
            let op = node.child_by_field_name("operator").map(|o| src.text_of(o)).unwrap_or("");
            let (Some(l), Some(r)) = (node.child_by_field_name("left"), node.child_by_field_name("right")) else {
                return StrValue::Dynamic("an incomplete expression".to_owned());
            };
            if op != "+" {
                return StrValue::Dynamic(format!("`{}` computed at run time", src.text_of(node)));
            }
            match (eval_str(src, l, scopes, depth + 1), eval_str(src, r, scopes, depth + 1)) {
                (StrValue::Str(a), StrValue::Str(b)) => StrValue::Str(concat(vec![a, b])),
                (StrValue::Dynamic(why), _) | (_, StrValue::Dynamic(why)) => StrValue::Dynamic(why),
            }
        }
        "identifier" => {
            let name = src.text_of(node);
            for scope in scopes {
                if let Some(why) = scope.dynamic.get(name) {
                    return StrValue::Dynamic(why.clone());
                }
                if let Some((vsrc, value)) = scope.nodes.get(name) {
                    return eval_str(vsrc, *value, scopes, depth + 1);
                }
            }
            StrValue::Dynamic(format!("`{name}` is not a constant of this file"))
        }
        "call_expression" => {
            let callee = node.child_by_field_name("function").map(|f| src.text_of(f)).unwrap_or("");
            if callee.starts_with("fmt.Sprint") || callee.starts_with("strings.") {
                StrValue::Dynamic(format!("SQL built with `{callee}` at run time"))
            } else {
                StrValue::Dynamic(format!("SQL returned by `{callee}` at run time"))
            }
        }
        _ => StrValue::Dynamic(format!("`{}` computed at run time", first_line(src.text_of(node)))),
    }
}

pub(crate) fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// The package-level `const` and `var` names of a file bound to single expressions.
///
/// ```go
/// const createUsers = `CREATE TABLE users (id bigint PRIMARY KEY)`
/// var dropUsers = "DROP TABLE users"
/// ```
pub(crate) fn package_consts<'t>(src: &Source<'t>, root: Node<'t>) -> Consts<'t> {
    let mut consts = Consts::default();
    for_each_match(query(Lang::Go, "package_values"), root, src.text, |m, q| {
        let Some(spec) = capture(m, q, "spec") else { return };
        let mut c = spec.walk();
        let names: Vec<Node<'t>> = spec.children_by_field_name("name", &mut c).collect();
        match spec.child_by_field_name("value") {
            Some(value) => bind(src, &mut consts, &names, value),
            // `var x string`: declared, assigned elsewhere.
            None => {
                for n in names {
                    let name = src.text_of(n).to_owned();
                    consts.dynamic.insert(name.clone(), format!("`{name}` is assigned at run time"));
                }
            }
        }
    });
    consts
}

/// Binds names (of a `const_spec`, `var_spec` or `:=`) to the expressions of a value list,
/// one to one.
pub(crate) fn bind<'t>(src: &Source<'t>, consts: &mut Consts<'t>, names: &[Node<'t>], values: Node<'t>) {
    let names: Vec<Node<'t>> = names
        .iter()
        .flat_map(|n| {
            if n.kind() == "expression_list" {
                let mut c = n.walk();
                n.named_children(&mut c).collect::<Vec<_>>()
            } else {
                vec![*n]
            }
        })
        .filter(|n| n.kind() == "identifier")
        .collect();
    let values: Vec<Node<'t>> = if values.kind() == "expression_list" {
        let mut c = values.walk();
        values.named_children(&mut c).filter(|n| n.kind() != "comment").collect()
    } else {
        vec![values]
    };
    for (i, name) in names.iter().enumerate() {
        let name = src.text_of(*name).to_owned();
        if name == "_" {
            continue;
        }
        match values.get(i) {
            Some(v) if names.len() == values.len() => {
                if consts.nodes.contains_key(&name) {
                    consts.nodes.remove(&name);
                    consts.dynamic.insert(
                        name.clone(),
                        format!("`{name}` is assigned more than once; its value depends on the path taken"),
                    );
                } else if !consts.dynamic.contains_key(&name) {
                    consts.nodes.insert(name, (*src, *v));
                }
            }
            _ => {
                consts.nodes.remove(&name);
                consts.dynamic.insert(name.clone(), format!("`{name}` is set from a call's results at run time"));
            }
        }
    }
}

/// Runs `q` over `root` and calls `f` with each match.
pub(crate) fn for_each_match<'t>(
    q: Option<&Query>,
    root: Node<'t>,
    text: &str,
    mut f: impl FnMut(&sg_grammars::tree_sitter::QueryMatch<'_, 't>, &Query),
) {
    let Some(q) = q else { return };
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(q, root, text.as_bytes());
    while let Some(m) = matches.next() {
        f(m, q);
    }
}

/// The node captured as `name` in a match.
pub(crate) fn capture<'t>(m: &sg_grammars::tree_sitter::QueryMatch<'_, 't>, q: &Query, name: &str) -> Option<Node<'t>> {
    let ix = q.capture_index_for_name(name)?;
    m.captures().iter().find(|c| c.index == ix).map(|c| c.node)
}

/// The package a file declares (`package models`).
pub(crate) fn package_name(src: &Source<'_>, root: Node<'_>) -> String {
    let mut cursor = root.walk();
    for child in root.named_children(&mut cursor) {
        if child.kind() == "package_clause" {
            let mut c = child.walk();
            if let Some(name) = child.named_children(&mut c).find(|n| n.kind() == "package_identifier") {
                return src.text_of(name).to_owned();
            }
        }
    }
    String::new()
}

/// One finding per syntax error, at the error; the rest of the file is still read.
pub(crate) fn report_syntax_errors(src: &Source<'_>, root: Node<'_>, out: &mut Vec<Finding>) {
    if !root.has_error() {
        return;
    }
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node.is_error() || node.is_missing() {
            let what =
                if node.is_missing() { format!("missing `{}`", node.kind()) } else { "invalid syntax".to_owned() };
            out.push(
                Finding::new(
                    UNPARSED_STATEMENT,
                    src.span(node),
                    format!("Go syntax error ({what}); the code around it was skipped"),
                )
                .with_help("the Go compiler rejects this file; fix the syntax"),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn first<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
        if node.kind() == kind {
            return Some(node);
        }
        let mut cursor = node.walk();
        let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
        children.into_iter().find_map(|c| first(c, kind))
    }

    #[test]
    fn escapes_map_back_to_the_file() {
        let text = "package p\nvar x = \"a\\nb\\tc\"\n";
        let tree = parse(text).unwrap();
        let src = Source { text, file: FileId(0) };
        let s = decode_string(&src, first(tree.root_node(), "interpreted_string_literal").unwrap()).unwrap();
        assert_eq!(s.value, "a\nb\tc");
        let at = |c: &str| text.find(c).unwrap();
        assert_eq!(s.map.offset(0), at("a\\n"));
        assert_eq!(s.map.offset(2), at("b\\t"));
        assert_eq!(s.map.offset(4), at("c\""));
    }

    #[test]
    fn raw_strings_and_concatenation() {
        let text = "package p\nconst t = \"users\"\nvar x = `DROP ` + \"TABLE \" + t\n";
        let tree = parse(text).unwrap();
        let root = tree.root_node();
        let src = Source { text, file: FileId(0) };
        let consts = package_consts(&src, root);
        let x = consts.nodes.get("x").unwrap().1;
        let StrValue::Str(s) = eval_str(&src, x, &[&consts], 0) else { panic!("static") };
        assert_eq!(s.value, "DROP TABLE users");
        assert_eq!(s.map.offset(5), text.find("TABLE").unwrap());
        assert_eq!(s.map.offset(11), text.find("users").unwrap());
    }
}
