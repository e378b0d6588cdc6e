//! A cursor over the significant tokens of one statement, for the hand-written recognizers
//! of statements sqlparser rejects (`DROP INDEX CONCURRENTLY`, `REINDEX`, `DO`, ...).

use sg_model::{Dialect, Ident, ObjectName};

use crate::lexer::{LexOptions, Token, TokenKind, tokenize};

pub(crate) struct Words<'a> {
    pub(crate) src: &'a str,
    pub(crate) toks: Vec<Token>,
    pub(crate) pos: usize,
    pub(crate) dialect: Dialect,
}

impl<'a> Words<'a> {
    pub(crate) fn new(src: &'a str, dialect: Dialect) -> Words<'a> {
        let toks = tokenize(src, LexOptions::for_dialect(dialect)).into_iter().filter(|t| !t.is_trivia()).collect();
        Words { src, toks, pos: 0, dialect }
    }

    pub(crate) fn peek(&self) -> Option<Token> {
        self.toks.get(self.pos).copied()
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }

    pub(crate) fn is_kw(&self, kw: &str) -> bool {
        self.peek().is_some_and(|t| t.kind == TokenKind::Word && t.text(self.src).eq_ignore_ascii_case(kw))
    }

    /// Consumes the keyword if it is next.
    pub(crate) fn eat(&mut self, kw: &str) -> bool {
        if self.is_kw(kw) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Consumes the keywords if they are all next, in order; consumes nothing otherwise.
    pub(crate) fn eat_all(&mut self, kws: &[&str]) -> bool {
        let save = self.pos;
        for kw in kws {
            if !self.eat(kw) {
                self.pos = save;
                return false;
            }
        }
        true
    }

    pub(crate) fn eat_punct(&mut self, p: &str) -> bool {
        if self.peek().is_some_and(|t| t.kind == TokenKind::Punct && t.text(self.src) == p) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub(crate) fn ident(&mut self) -> Option<Ident> {
        let t = self.peek()?;
        let text = t.text(self.src);
        let ident = match t.kind {
            TokenKind::Word => Ident::new(text, false, self.dialect),
            TokenKind::QuotedIdent => {
                let inner = &text[1..text.len().saturating_sub(1).max(1)];
                let quote = &text[..1];
                let unescaped = inner.replace(&format!("{quote}{quote}"), quote);
                Ident::new(&unescaped, true, self.dialect)
            }
            _ => return None,
        };
        self.pos += 1;
        Some(ident)
    }

    /// `name` or `schema.name` (a leading catalog part is dropped).
    pub(crate) fn object_name(&mut self) -> Option<ObjectName> {
        let mut parts = vec![self.ident()?];
        while self.eat_punct(".") {
            parts.push(self.ident()?);
        }
        let name = parts.pop()?;
        Some(ObjectName { schema: parts.pop(), name })
    }

    /// A comma-separated list of names.
    pub(crate) fn object_names(&mut self) -> Vec<ObjectName> {
        let mut out = Vec::new();
        while let Some(name) = self.object_name() {
            out.push(name);
            if !self.eat_punct(",") {
                break;
            }
        }
        out
    }

    /// The upper-cased text of the next `n` words, for dispatch.
    pub(crate) fn lookahead_upper(&self, n: usize) -> Vec<String> {
        self.toks[self.pos..]
            .iter()
            .take(n)
            .map(|t| {
                if t.kind == TokenKind::Word {
                    t.text(self.src).to_ascii_uppercase()
                } else {
                    t.text(self.src).to_owned()
                }
            })
            .collect()
    }
}

/// Byte ranges of the comma-separated elements of the first top-level parenthesized list:
/// the column and constraint definitions of a CREATE TABLE.
pub(crate) fn paren_list_elements(src: &str, dialect: Dialect) -> Vec<std::ops::Range<usize>> {
    let w = Words::new(src, dialect);
    let Some(open) = w.toks.iter().position(|t| t.kind == TokenKind::Punct && t.text(src) == "(") else {
        return Vec::new();
    };
    split_commas(src, &w.toks[open + 1..], true)
}

/// Byte ranges of the actions of an ALTER TABLE, after the table name.
pub(crate) fn alter_table_actions(src: &str, dialect: Dialect) -> Vec<std::ops::Range<usize>> {
    let mut w = Words::new(src, dialect);
    if !w.eat_all(&["ALTER", "TABLE"]) {
        return Vec::new();
    }
    w.eat_all(&["IF", "EXISTS"]);
    w.eat("ONLY");
    if w.object_name().is_none() {
        return Vec::new();
    }
    w.eat_punct("*");
    split_commas(src, &w.toks[w.pos..], false)
}

/// Splits tokens at commas outside parentheses; with `stop_at_close`, stops at the
/// parenthesis that closes the list.
fn split_commas(src: &str, toks: &[Token], stop_at_close: bool) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start: Option<usize> = None;
    let mut end = 0;
    for t in toks {
        let text = t.text(src);
        if t.kind == TokenKind::Punct {
            match text {
                "(" => depth += 1,
                ")" if depth == 0 && stop_at_close => break,
                ")" => depth -= 1,
                "," if depth == 0 => {
                    if let Some(s) = start.take() {
                        out.push(s..end);
                    }
                    continue;
                }
                _ => {}
            }
        }
        start.get_or_insert(t.start);
        end = t.end;
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

/// Keywords that start a column option in a column definition.
const COLUMN_OPTION_STARTS: &[&str] = &[
    "CONSTRAINT",
    "NOT",
    "NULL",
    "DEFAULT",
    "PRIMARY",
    "UNIQUE",
    "REFERENCES",
    "CHECK",
    "GENERATED",
    "COLLATE",
    "AUTO_INCREMENT",
    "AUTOINCREMENT",
    "COMMENT",
    "ON",
];

/// The range of an inline constraint in a column definition, from the keyword that starts
/// it (or the `CONSTRAINT name` before it) to the next column option.
pub(crate) fn inline_constraint_range(
    src: &str,
    element: std::ops::Range<usize>,
    keyword: &str,
    dialect: Dialect,
) -> Option<std::ops::Range<usize>> {
    let w = Words::new(&src[element.clone()], dialect);
    let upper = |t: &Token| if t.kind == TokenKind::Word { t.text(w.src).to_ascii_uppercase() } else { String::new() };
    let mut depth = 0;
    let mut at = None;
    for (i, t) in w.toks.iter().enumerate() {
        match t.text(w.src) {
            "(" => depth += 1,
            ")" => depth -= 1,
            _ => {}
        }
        if depth == 0 && i > 1 && upper(t) == keyword {
            at = Some(i);
            break;
        }
    }
    let at = at?;
    let first = if at >= 2 && upper(&w.toks[at - 2]) == "CONSTRAINT" { at - 2 } else { at };
    let mut last = at;
    let mut depth = 0;
    for (i, t) in w.toks.iter().enumerate().skip(at + 1) {
        match t.text(w.src) {
            "(" => depth += 1,
            ")" => depth -= 1,
            _ => {}
        }
        let u = upper(t);
        // `ON DELETE` belongs to REFERENCES; other options end the constraint.
        let continues = keyword == "REFERENCES" && (u == "ON" || u == "DELETE" || u == "UPDATE");
        if depth == 0 && COLUMN_OPTION_STARTS.contains(&u.as_str()) && !continues {
            break;
        }
        last = i;
    }
    Some(element.start + w.toks[first].start..element.start + w.toks[last].end)
}
