//! Python source helpers: node text and spans, literal values, string literals decoded with
//! an offset map back into the file, and call arguments.

use std::collections::HashMap;

use sg_grammars::tree_sitter::Node;
use sg_model::{FileId, OffsetMap, Span};

/// The source of one file and where it sits in the file table.
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

/// A Python string's value, with the map from its bytes to the file.
#[derive(Clone, Debug)]
pub(crate) struct PyStr {
    pub(crate) value: String,
    pub(crate) map: OffsetMap,
}

/// What an expression evaluates to, as far as the extractor can tell without running it.
#[derive(Clone, Debug)]
pub(crate) enum Value<'t> {
    Str(PyStr),
    None,
    Bool(bool),
    /// An integer or float literal, as written.
    Number(String),
    /// A tuple or list.
    Seq(Vec<Value<'t>>),
    /// An expression kept as its node: calls, attributes and the like, read by whoever
    /// knows what they mean (a column, a type, `sa.text(...)`).
    Node(Node<'t>),
    /// The connection `op.get_bind()` returns.
    Bind,
    /// A value only known at run time; the reason says why.
    Dynamic(String),
}

impl Value<'_> {
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(&s.value),
            _ => None,
        }
    }
}

/// Decodes a `string` node. `Err` holds why the value is not static (an f-string with
/// interpolations).
pub(crate) fn decode_string(src: &Source<'_>, node: Node<'_>) -> Result<PyStr, String> {
    let raw = src.text_of(node);
    let start = node.start_byte();
    let prefix_len = raw.find(['\'', '"']).unwrap_or(0);
    let prefix = raw[..prefix_len].to_ascii_lowercase();
    if prefix.contains('f') {
        let mut cursor = node.walk();
        if node.named_children(&mut cursor).any(|c| c.kind() == "interpolation") {
            return Err("an f-string, whose value is only known at run time".to_owned());
        }
    }
    let rest = &raw[prefix_len..];
    let quote =
        if rest.starts_with("\"\"\"") || rest.starts_with("'''") { &rest[..3] } else { &rest[..rest.len().min(1)] };
    let body_start = prefix_len + quote.len();
    let body_end = raw.len().saturating_sub(quote.len()).max(body_start);
    let body = &raw[body_start..body_end];
    let is_raw = prefix.contains('r');
    let mut value = String::with_capacity(body.len());
    let mut segments: Vec<(usize, usize)> = vec![(0, start + body_start)];
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' || is_raw {
            value.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            value.push('\\');
            break;
        };
        let mut consumed = 1 + e.len_utf8();
        match e {
            '\n' => {}
            'n' => value.push('\n'),
            't' => value.push('\t'),
            'r' => value.push('\r'),
            '0'..='7' => {
                let mut digits = String::from(e);
                while digits.len() < 3 && chars.peek().is_some_and(|(_, d)| ('0'..='7').contains(d)) {
                    if let Some((_, d)) = chars.next() {
                        digits.push(d);
                        consumed += 1;
                    }
                }
                value.extend(u32::from_str_radix(&digits, 8).ok().and_then(char::from_u32));
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut digits = String::new();
                for _ in 0..n {
                    if let Some((_, d)) = chars.next_if(|(_, d)| d.is_ascii_hexdigit()) {
                        digits.push(d);
                        consumed += 1;
                    }
                }
                value.extend(u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32));
            }
            '\\' | '\'' | '"' => value.push(e),
            'a' => value.push('\u{7}'),
            'b' => value.push('\u{8}'),
            'f' => value.push('\u{c}'),
            'v' => value.push('\u{b}'),
            other => {
                // Python keeps unknown escapes as written.
                value.push('\\');
                value.push(other);
            }
        }
        // The next character of the value comes from the byte after the escape.
        segments.push((value.len(), start + body_start + i + consumed));
    }
    let map = OffsetMap::from_segments(src.file, segments, value.len(), start + body_end);
    Ok(PyStr { value, map })
}

/// Joins the parts of an implicit concatenation (`"a" "b"`) into one value whose map
/// follows each part.
pub(crate) fn concat(parts: Vec<PyStr>) -> PyStr {
    let (value, map) = OffsetMap::concat(parts.iter().map(|p| (p.value.as_str(), &p.map)));
    PyStr { map, value }
}

/// The arguments of a call.
#[derive(Default)]
pub(crate) struct Args<'t> {
    pub(crate) positional: Vec<Node<'t>>,
    pub(crate) keywords: Vec<(String, Node<'t>)>,
    /// `*args` or `**kwargs`: the arguments are only known at run time.
    pub(crate) unpacked: bool,
    /// Each `*expr` among the positional arguments, with the number of positional
    /// arguments before it, for callers that can expand a constant sequence.
    pub(crate) splats: Vec<(usize, Node<'t>)>,
}

impl<'t> Args<'t> {
    pub(crate) fn of_call(src: &Source<'_>, call: Node<'t>) -> Args<'t> {
        let mut args = Args::default();
        let Some(list) = call.child_by_field_name("arguments") else { return args };
        let mut cursor = list.walk();
        for child in list.named_children(&mut cursor) {
            match child.kind() {
                "keyword_argument" => {
                    let name = child.child_by_field_name("name").map(|n| src.text_of(n).to_owned()).unwrap_or_default();
                    if let Some(v) = child.child_by_field_name("value") {
                        args.keywords.push((name, v));
                    }
                }
                "list_splat" => {
                    args.unpacked = true;
                    if let Some(inner) = child.named_child(0) {
                        args.splats.push((args.positional.len(), inner));
                    }
                }
                "dictionary_splat" => args.unpacked = true,
                "comment" => {}
                _ => args.positional.push(child),
            }
        }
        args
    }

    pub(crate) fn keyword(&self, name: &str) -> Option<Node<'t>> {
        self.keywords.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }

    /// Binds positional arguments to `names` in order; keywords override by name.
    pub(crate) fn bind(&self, names: &[&'static str]) -> HashMap<&'static str, Node<'t>> {
        let mut out = HashMap::new();
        for (name, node) in names.iter().zip(&self.positional) {
            out.insert(*name, *node);
        }
        for name in names {
            if let Some(v) = self.keyword(name) {
                out.insert(*name, v);
            }
        }
        out
    }
}

/// The dotted name of a callee or attribute chain: `sa.Column`, `op.create_table`,
/// `postgresql.UUID`; `None` when it is not a plain chain of names.
pub(crate) fn dotted(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    match node.kind() {
        "identifier" => Some(src.text_of(node).to_owned()),
        "attribute" => {
            let object = dotted(src, node.child_by_field_name("object")?)?;
            let attr = src.text_of(node.child_by_field_name("attribute")?);
            Some(format!("{object}.{attr}"))
        }
        _ => None,
    }
}

/// The last part of a dotted name: `sa.types.Integer` -> `Integer`.
pub(crate) fn last_part(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// Whether `node` or anything under it is one of `names` as an identifier.
pub(crate) fn mentions(src: &Source<'_>, node: Node<'_>, names: &dyn Fn(&str) -> bool) -> bool {
    if node.kind() == "identifier" && names(src.text_of(node)) {
        return true;
    }
    let mut cursor = node.walk();
    node.named_children(&mut cursor).any(|c| mentions(src, c, names))
}

/// Skips parentheses around an expression.
pub(crate) fn unparen(mut node: Node<'_>) -> Node<'_> {
    while node.kind() == "parenthesized_expression" {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string_node(src: &str) -> (sg_grammars::tree_sitter::Tree, usize) {
        let tree = sg_grammars::Lang::Python.parser().parse(src, None).unwrap();
        (tree, 0)
    }

    fn first_string<'t>(node: Node<'t>) -> Option<Node<'t>> {
        if node.kind() == "string" {
            return Some(node);
        }
        let mut cursor = node.walk();
        let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
        children.into_iter().find_map(first_string)
    }

    #[test]
    fn escapes_map_back_to_the_file() {
        let text = "x = 'a\\nb\\tc'\n";
        let (tree, _) = string_node(text);
        let src = Source { text, file: FileId(0) };
        let s = decode_string(&src, first_string(tree.root_node()).unwrap()).unwrap();
        assert_eq!(s.value, "a\nb\tc");
        // `b` is at text offset 2 and file offset 8; `c` at 4 and 11.
        assert_eq!(s.map.offset(2), 8);
        assert_eq!(s.map.offset(4), 11);
    }

    #[test]
    fn raw_and_triple_quoted() {
        let text = "x = r'''a\\n\nb'''\n";
        let (tree, _) = string_node(text);
        let src = Source { text, file: FileId(0) };
        let s = decode_string(&src, first_string(tree.root_node()).unwrap()).unwrap();
        assert_eq!(s.value, "a\\n\nb");
        assert_eq!(s.map.offset(0), 8);
    }

    #[test]
    fn f_strings_with_interpolations_are_dynamic() {
        let text = "x = f'DROP TABLE {name}'\n";
        let (tree, _) = string_node(text);
        let src = Source { text, file: FileId(0) };
        assert!(decode_string(&src, first_string(tree.root_node()).unwrap()).is_err());
    }
}
