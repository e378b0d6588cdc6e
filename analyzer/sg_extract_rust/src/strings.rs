//! Strings a Rust program spells out statically, with where each byte came from.
//!
//! SQL in Rust is a literal (`"CREATE TABLE ..."`, `r#"..."#`), a `concat!` or `format!`
//! of literals and constants, a `const`, or `include_str!("file.sql")`. [`resolve`] turns
//! such an expression into [`Pieces`]: the text plus, for every run of it, the file and
//! offset it was written at, so findings on the SQL land on the right line of the `.rs`
//! (or `.sql`) file. Anything computed at run time is [`Unresolved`], with the reason.
//!
//! ```text
//! "ALTER TABLE users ADD COLUMN note text"        literal, escapes mapped one by one
//! concat!("CREATE TABLE ", "t (id int)")           concatenation of literals
//! format!("DROP TABLE {}", TABLE)                  TABLE a `const` of the same file
//! include_str!("../sql/0001_init.sql")             the whole file, mapped into it
//! format!("DROP TABLE {}", name)                   unresolved: `name` is a run-time value
//! ```

use std::collections::BTreeMap;

use sg_model::{FileId, OffsetMap, Span};
use syn::punctuated::Punctuated;

use crate::SourceSet;
use crate::source::Source;

/// A run of text that maps one to one onto bytes of a file, from `text_start` up to the
/// next run.
#[derive(Clone, Copy, Debug)]
struct Run {
    text_start: usize,
    file: FileId,
    file_start: usize,
}

/// Text assembled from pieces of source files.
#[derive(Clone, Debug, Default)]
pub(crate) struct Pieces {
    pub(crate) text: String,
    runs: Vec<Run>,
    /// Where the last piece ends in its file.
    end: Option<(FileId, usize)>,
    /// Whether the last run maps one to one and may be extended; an escape's run may not.
    open: bool,
}

impl Pieces {
    /// Text written verbatim at `file_start` of `file`.
    fn push_verbatim(&mut self, s: &str, file: FileId, file_start: usize) {
        if s.is_empty() {
            return;
        }
        let continues = self.open && self.end == Some((file, file_start));
        if !continues {
            self.runs.push(Run { text_start: self.text.len(), file, file_start });
        }
        self.text.push_str(s);
        self.end = Some((file, file_start + s.len()));
        self.open = true;
    }

    /// One character written as an escape sequence spanning `file_start..file_end`.
    fn push_escape(&mut self, c: char, file: FileId, file_start: usize, file_end: usize) {
        self.runs.push(Run { text_start: self.text.len(), file, file_start });
        self.text.push(c);
        self.end = Some((file, file_end));
        self.open = false;
    }

    fn append(&mut self, other: &Pieces) {
        let shift = self.text.len();
        for run in &other.runs {
            self.runs.push(Run { text_start: run.text_start + shift, ..*run });
        }
        self.text.push_str(&other.text);
        if other.end.is_some() {
            self.end = other.end;
            self.open = false;
        }
    }

    /// The pieces of `self.text[start..end]`.
    fn slice(&self, start: usize, end: usize) -> Pieces {
        let mut out = Pieces { text: self.text[start..end].to_owned(), runs: Vec::new(), end: None, open: false };
        for (i, run) in self.runs.iter().enumerate() {
            let run_end = self.runs.get(i + 1).map_or(self.text.len(), |r| r.text_start);
            if run_end <= start || run.text_start >= end {
                continue;
            }
            let from = run.text_start.max(start);
            out.runs.push(Run {
                text_start: from - start,
                file: run.file,
                file_start: run.file_start + (from - run.text_start),
            });
            let to = run_end.min(end);
            out.end = Some((run.file, run.file_start + (to - run.text_start)));
        }
        out
    }

    /// The files the text came from.
    fn files(&self) -> impl Iterator<Item = FileId> + '_ {
        self.runs.iter().map(|r| r.file)
    }

    /// A map from offsets in the text to offsets in the file it came from. Text pieced
    /// together from several files maps, as a whole, onto `host` (the expression that built
    /// it).
    pub(crate) fn offset_map(&self, host: Span) -> OffsetMap {
        let mut files = self.files();
        let single = files.next().filter(|first| files.all(|f| f == *first));
        match (single, self.end) {
            (Some(file), Some((_, end))) => {
                let segments = self.runs.iter().map(|r| (r.text_start, r.file_start)).collect();
                OffsetMap::from_segments(file, segments, self.text.len(), end)
            }
            _ => OffsetMap::from_segments(host.file, vec![(0, host.start as usize)], host.len(), host.end as usize),
        }
    }
}

/// Why an expression's text is not known statically.
#[derive(Clone, Debug)]
pub(crate) struct Unresolved {
    pub(crate) reason: String,
    pub(crate) span: Span,
}

/// Names a string expression may refer to: the file's `const`s and `static`s and the
/// function's `let` bindings, innermost last.
#[derive(Clone, Default)]
pub(crate) struct Bindings {
    names: BTreeMap<String, syn::Expr>,
}

impl Bindings {
    /// The `const` and `static` items of a file, including those inside inline modules.
    pub(crate) fn of_file(ast: &syn::File) -> Bindings {
        let mut b = Bindings::default();
        b.add_items(&ast.items);
        b
    }

    fn add_items(&mut self, items: &[syn::Item]) {
        for item in items {
            match item {
                syn::Item::Const(c) => {
                    self.names.insert(c.ident.to_string(), (*c.expr).clone());
                }
                syn::Item::Static(s) => {
                    self.names.insert(s.ident.to_string(), (*s.expr).clone());
                }
                syn::Item::Mod(m) => {
                    if let Some((_, items)) = &m.content {
                        self.add_items(items);
                    }
                }
                _ => {}
            }
        }
    }

    pub(crate) fn bind(&mut self, name: String, expr: syn::Expr) {
        self.names.insert(name, expr);
    }

    pub(crate) fn get(&self, name: &str) -> Option<&syn::Expr> {
        self.names.get(name)
    }
}

/// What resolving a string needs.
pub(crate) struct StrCx<'s, 'a> {
    pub(crate) src: &'s Source<'a>,
    pub(crate) sources: &'s dyn SourceSet,
    pub(crate) bindings: &'s Bindings,
}

/// How deep constants may refer to constants; a cycle would otherwise never end.
const MAX_DEPTH: usize = 16;

/// The text of a string expression, if it is known statically.
pub(crate) fn resolve(cx: &StrCx<'_, '_>, expr: &syn::Expr) -> Result<Pieces, Unresolved> {
    resolve_at(cx, expr, 0)
}

fn resolve_at(cx: &StrCx<'_, '_>, expr: &syn::Expr, depth: usize) -> Result<Pieces, Unresolved> {
    let unresolved = |reason: String| Unresolved { reason, span: cx.src.span_of(expr) };
    if depth > MAX_DEPTH {
        return Err(unresolved("its constants refer to each other too deeply".into()));
    }
    match expr {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(lit), .. }) => {
            decode_literal(cx.src, lit).ok_or_else(|| unresolved("the string literal could not be decoded".into()))
        }
        syn::Expr::Reference(r) => resolve_at(cx, &r.expr, depth),
        syn::Expr::Paren(p) => resolve_at(cx, &p.expr, depth),
        syn::Expr::Group(g) => resolve_at(cx, &g.expr, depth),
        syn::Expr::MethodCall(mc)
            if mc.args.is_empty()
                && matches!(
                    mc.method.to_string().as_str(),
                    "to_string" | "to_owned" | "into" | "as_str" | "clone" | "as_ref" | "trim"
                ) =>
        {
            let mut p = resolve_at(cx, &mc.receiver, depth)?;
            if mc.method == "trim" {
                let t = p.text.as_str();
                let start = t.len() - t.trim_start().len();
                let end = t.trim_end().len().max(start);
                p = p.slice(start, end);
            }
            Ok(p)
        }
        syn::Expr::Call(call) if call.args.len() == 1 && is_string_constructor(&call.func) => {
            resolve_at(cx, &call.args[0], depth)
        }
        syn::Expr::Binary(bin) if matches!(bin.op, syn::BinOp::Add(_)) => {
            let mut left = resolve_at(cx, &bin.left, depth)?;
            left.append(&resolve_at(cx, &bin.right, depth)?);
            Ok(left)
        }
        syn::Expr::Path(p) if p.qself.is_none() => {
            let name = p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
            match cx.bindings.get(&name) {
                Some(bound) => resolve_at(cx, bound, depth + 1),
                None => Err(unresolved(format!(
                    "`{}` is a value known only at run time",
                    cx.src.text_of(cx.src.span_of(expr))
                ))),
            }
        }
        syn::Expr::Macro(m) => resolve_macro(cx, &m.mac, depth, expr),
        _ => Err(unresolved(format!("`{}` is computed at run time", shorten(cx.src.text_of(cx.src.span_of(expr)))))),
    }
}

fn is_string_constructor(func: &syn::Expr) -> bool {
    let syn::Expr::Path(p) = func else { return false };
    let names: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
    matches!(
        names.iter().map(String::as_str).collect::<Vec<_>>().as_slice(),
        [.., "String", "from"] | [.., "str", "to_string"]
    )
}

fn resolve_macro(cx: &StrCx<'_, '_>, mac: &syn::Macro, depth: usize, expr: &syn::Expr) -> Result<Pieces, Unresolved> {
    let name = mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
    let unresolved = |reason: String| Unresolved { reason, span: cx.src.span_of(expr) };
    let args = || {
        mac.parse_body_with(Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
            .map_err(|e| unresolved(format!("the arguments of `{name}!` could not be read ({e})")))
    };
    match name.as_str() {
        "concat" => {
            let mut out = Pieces::default();
            for arg in args()? {
                out.append(&resolve_at(cx, &arg, depth)?);
            }
            Ok(out)
        }
        "include_str" => {
            let args = args()?;
            let Some(syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(path), .. })) = args.first() else {
                return Err(unresolved("`include_str!` names its file with something other than a literal".into()));
            };
            let path = path.value();
            let Some(file) = cx.sources.include(cx.src.file, &path) else {
                return Err(unresolved(format!("`include_str!(\"{path}\")` names a file that was not found")));
            };
            let text = cx.sources.text(file);
            let mut p = Pieces::default();
            p.push_verbatim(text, file, 0);
            Ok(p)
        }
        "format" | "format_args" => format(cx, &args()?, depth, expr),
        other => Err(unresolved(format!("`{other}!` is not a macro whose text schemagraph can work out"))),
    }
}

/// `format!` whose template and arguments are all known: `{}`, `{0}`, `{name}` and
/// `{{`/`}}`, without format specs.
fn format(
    cx: &StrCx<'_, '_>,
    args: &Punctuated<syn::Expr, syn::Token![,]>,
    depth: usize,
    expr: &syn::Expr,
) -> Result<Pieces, Unresolved> {
    let unresolved = |reason: String| Unresolved { reason, span: cx.src.span_of(expr) };
    let mut iter = args.iter();
    let Some(template) = iter.next() else { return Err(unresolved("`format!` without a template".into())) };
    let template = resolve_at(cx, template, depth)?;
    let mut positional = Vec::new();
    let mut named: BTreeMap<String, &syn::Expr> = BTreeMap::new();
    for arg in iter {
        match arg {
            syn::Expr::Assign(a) => {
                let syn::Expr::Path(p) = &*a.left else {
                    return Err(unresolved("a `format!` argument is not understood".into()));
                };
                let name = p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
                named.insert(name, &a.right);
            }
            other => positional.push(other),
        }
    }
    let text = template.text.clone();
    let bytes = text.as_bytes();
    let mut out = Pieces::default();
    let mut next_positional = 0;
    let mut i = 0;
    let mut literal_start = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'}' if bytes.get(i + 1) == Some(&bytes[i]) => {
                out.append(&template.slice(literal_start, i + 1));
                i += 2;
                literal_start = i;
            }
            b'{' => {
                out.append(&template.slice(literal_start, i));
                let Some(close) = text[i..].find('}') else {
                    return Err(unresolved("the `format!` template has an unclosed `{`".into()));
                };
                let inside = &text[i + 1..i + close];
                if inside.contains(':') {
                    return Err(unresolved(format!("`{{{inside}}}` formats its value with a spec")));
                }
                let value: &syn::Expr = if inside.is_empty() {
                    next_positional += 1;
                    positional
                        .get(next_positional - 1)
                        .copied()
                        .ok_or_else(|| unresolved("`format!` has fewer arguments than `{}`".into()))?
                } else if let Ok(n) = inside.parse::<usize>() {
                    positional.get(n).copied().ok_or_else(|| unresolved(format!("`format!` has no argument {n}")))?
                } else if let Some(e) = named.get(inside) {
                    e
                } else {
                    // An inline capture: `{TABLE}` names a constant or a local.
                    match cx.bindings.get(inside) {
                        Some(e) => e,
                        None => return Err(unresolved(format!("`{{{inside}}}` is a value known only at run time"))),
                    }
                };
                out.append(&resolve_at(cx, value, depth + 1)?);
                i += close + 1;
                literal_start = i;
            }
            _ => i += 1,
        }
    }
    out.append(&template.slice(literal_start, bytes.len()));
    Ok(out)
}

fn shorten(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 60 {
        format!("{}…", one_line.chars().take(59).collect::<String>())
    } else {
        one_line
    }
}

/// Decodes a string literal from its source text, mapping every character back to where
/// it was written. `None` for byte and C strings, which SQL is never written in.
pub(crate) fn decode_literal(src: &Source<'_>, lit: &syn::LitStr) -> Option<Pieces> {
    let span = src.span(lit.span());
    let raw = src.text_of(span);
    let at = span.start as usize;
    let mut p = Pieces::default();
    if let Some(rest) = raw.strip_prefix('r') {
        let hashes = rest.bytes().take_while(|b| *b == b'#').count();
        let open = 1 + hashes + 1;
        let close = 1 + hashes;
        let body = raw.get(open..raw.len().checked_sub(close)?)?;
        p.push_verbatim(body, src.file, at + open);
        if p.text.is_empty() {
            p.end = Some((src.file, at + open));
        }
        return Some(p);
    }
    let body = raw.strip_prefix('"')?.strip_suffix('"')?;
    let body_at = at + 1;
    let mut chars = body.char_indices().peekable();
    let mut verbatim_from = 0;
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            continue;
        }
        p.push_verbatim(&body[verbatim_from..i], src.file, body_at + verbatim_from);
        let (_, kind) = chars.next()?;
        let decoded = match kind {
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            '\\' => Some('\\'),
            '0' => Some('\0'),
            '\'' => Some('\''),
            '"' => Some('"'),
            'x' => {
                let hex: String = [chars.next()?.1, chars.next()?.1].iter().collect();
                char::from_u32(u32::from_str_radix(&hex, 16).ok()?)
            }
            'u' => {
                let mut hex = String::new();
                for (_, h) in chars.by_ref() {
                    match h {
                        '{' | '_' => {}
                        '}' => break,
                        h => hex.push(h),
                    }
                }
                char::from_u32(u32::from_str_radix(&hex, 16).ok()?)
            }
            // A line continuation: the newline and the leading whitespace of the next line
            // are not part of the string.
            '\n' | '\r' => {
                while chars.peek().is_some_and(|(_, w)| w.is_whitespace()) {
                    chars.next();
                }
                None
            }
            _ => return None,
        };
        let next = chars.peek().map_or(body.len(), |(j, _)| *j);
        if let Some(d) = decoded {
            p.push_escape(d, src.file, body_at + i, body_at + next);
        }
        verbatim_from = next;
    }
    p.push_verbatim(&body[verbatim_from..], src.file, body_at + verbatim_from);
    if p.end.is_none() {
        p.end = Some((src.file, body_at));
    }
    debug_assert_eq!(p.text, lit.value());
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::with_spans;

    struct NoFiles;

    impl SourceSet for NoFiles {
        fn text(&self, _: FileId) -> &str {
            "-- included\nSELECT 1;\n"
        }
        fn path(&self, _: FileId) -> &str {
            "x.sql"
        }
        fn include(&self, _: FileId, path: &str) -> Option<FileId> {
            (path == "x.sql").then_some(FileId(9))
        }
        fn module(&self, _: FileId, _: &str, _: Option<&str>) -> Option<FileId> {
            None
        }
    }

    /// Resolves the initializer of `let s = ...;` in `fn f()` and returns the text and, for
    /// each character of `probe`, the file text at the offset it maps to.
    fn resolve_let(text: &str) -> Result<(String, OffsetMap), String> {
        with_spans(|| {
            let (src, ast) = Source::parse(FileId(0), text).unwrap();
            let bindings = Bindings::of_file(&ast);
            let f = ast.items.iter().find_map(|i| match i {
                syn::Item::Fn(f) => Some(f),
                _ => None,
            });
            let syn::Stmt::Local(local) = &f.unwrap().block.stmts[0] else { panic!("let") };
            let expr = &local.init.as_ref().unwrap().expr;
            let cx = StrCx { src: &src, sources: &NoFiles, bindings: &bindings };
            resolve(&cx, expr).map(|p| (p.text.clone(), p.offset_map(src.span_of(&**expr)))).map_err(|u| u.reason)
        })
    }

    fn at(text: &str, map: &OffsetMap, sql: &str, needle: &str) -> String {
        let t = sql.find(needle).unwrap();
        text[map.offset(t)..].chars().take(needle.chars().count()).collect()
    }

    #[test]
    fn escapes_map_back_to_the_characters_after_them() {
        let text = "fn f() { let s = \"a\\tb\\n\\u{e9}t\\\n      ünd x\"; }";
        let (sql, map) = resolve_let(text).unwrap();
        assert_eq!(sql, "a\tb\nétünd x");
        assert_eq!(at(text, &map, &sql, "b"), "b");
        assert_eq!(at(text, &map, &sql, "ünd x"), "ünd x");
    }

    #[test]
    fn raw_strings_concat_and_format_of_constants() {
        let text = "const T: &str = \"users\";\nfn f() { let s = format!(r#\"DROP TABLE {T} -- {}\"#, concat!(\"a\", \"b\")); }";
        let (sql, map) = resolve_let(text).unwrap();
        assert_eq!(sql, "DROP TABLE users -- ab");
        assert_eq!(at(text, &map, &sql, "users"), "users");
        assert_eq!(at(text, &map, &sql, "DROP"), "DROP");
        assert_eq!(at(text, &map, &sql, "b"), "b");
    }

    #[test]
    fn run_time_values_are_unresolved() {
        let text = "fn f(name: &str) { let s = format!(\"DROP TABLE {}\", name); }";
        let err = resolve_let(text).unwrap_err();
        assert!(err.contains("`name`"), "{err}");
    }

    #[test]
    fn include_str_maps_into_the_included_file() {
        let text = "fn f() { let s = include_str!(\"x.sql\"); }";
        let (sql, map) = resolve_let(text).unwrap();
        assert_eq!(sql, "-- included\nSELECT 1;\n");
        assert_eq!((map.file, map.offset(12)), (FileId(9), 12));
    }
}
