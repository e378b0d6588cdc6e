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
        let toks = tokenize(src, LexOptions::for_dialect(dialect))
            .into_iter()
            .filter(|t| !t.is_trivia())
            .collect();
        Words {
            src,
            toks,
            pos: 0,
            dialect,
        }
    }

    pub(crate) fn peek(&self) -> Option<Token> {
        self.toks.get(self.pos).copied()
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }

    pub(crate) fn is_kw(&self, kw: &str) -> bool {
        self.peek()
            .is_some_and(|t| t.kind == TokenKind::Word && t.text(self.src).eq_ignore_ascii_case(kw))
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
        if self
            .peek()
            .is_some_and(|t| t.kind == TokenKind::Punct && t.text(self.src) == p)
        {
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
        Some(ObjectName {
            schema: parts.pop(),
            name,
        })
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
