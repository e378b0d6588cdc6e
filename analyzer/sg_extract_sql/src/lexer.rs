//! A small SQL lexer, just enough to split a file into statements.
//!
//! It is hand-written rather than sqlparser's tokenizer because splitting must survive what
//! the tokenizer refuses: an unterminated `$$` or string becomes one token to the end of the
//! input, marked unterminated, instead of an error that loses the whole file. It also works
//! in byte offsets, which is what spans need, and keeps comments, where goose and dbmate put
//! their markers.
//!
//! ```text
//! CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN ...; END $$ LANGUAGE plpgsql;
//! ^word  ^word    ^word ...              ^dollar string (semicolons inside)     ^semicolon
//! ```

use sg_model::Dialect;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Whitespace,
    LineComment,
    BlockComment,
    /// `'...'`, `E'...'`, `X'...'` and friends.
    String,
    /// `"..."`, or `` `...` `` in MySQL and SQLite, or `[...]` in SQLite.
    QuotedIdent,
    /// `$tag$ ... $tag$` (PostgreSQL).
    DollarString,
    Word,
    Number,
    Semicolon,
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) kind: TokenKind,
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// The token ran to the end of the input without its closing quote or `*/`.
    pub(crate) unterminated: bool,
}

impl Token {
    pub(crate) fn is_trivia(self) -> bool {
        matches!(self.kind, TokenKind::Whitespace | TokenKind::LineComment | TokenKind::BlockComment)
    }

    pub(crate) fn text(self, src: &str) -> &str {
        &src[self.start..self.end]
    }
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct LexOptions {
    pub(crate) dollar_quotes: bool,
    pub(crate) hash_comments: bool,
    pub(crate) backticks: bool,
    pub(crate) brackets: bool,
    /// Backslash escapes in every string (MySQL's default); PostgreSQL has them only in
    /// `E'...'` strings.
    pub(crate) backslash_escapes: bool,
    pub(crate) nested_block_comments: bool,
}

impl LexOptions {
    pub(crate) fn for_dialect(dialect: Dialect) -> LexOptions {
        match dialect {
            Dialect::Postgres => LexOptions {
                dollar_quotes: true,
                hash_comments: false,
                backticks: false,
                brackets: false,
                backslash_escapes: false,
                nested_block_comments: true,
            },
            Dialect::MySql => LexOptions {
                dollar_quotes: false,
                hash_comments: true,
                backticks: true,
                brackets: false,
                backslash_escapes: true,
                nested_block_comments: false,
            },
            Dialect::Sqlite => LexOptions {
                dollar_quotes: false,
                hash_comments: false,
                backticks: true,
                brackets: true,
                backslash_escapes: false,
                nested_block_comments: false,
            },
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// Lexes the token that starts at `pos`; `pos` must be a character boundary before the end.
pub(crate) fn lex_one(src: &str, pos: usize, opts: LexOptions) -> Token {
    let rest = &src[pos..];
    let bytes = rest.as_bytes();
    let mut chars = rest.chars();
    let Some(c) = chars.next() else {
        return Token { kind: TokenKind::Whitespace, start: pos, end: pos, unterminated: false };
    };
    let tok = |kind, len: usize, unterminated| Token { kind, start: pos, end: pos + len, unterminated };

    if c.is_whitespace() {
        let len = rest.find(|ch: char| !ch.is_whitespace()).unwrap_or(rest.len());
        return tok(TokenKind::Whitespace, len, false);
    }
    if rest.starts_with("--") || (opts.hash_comments && c == '#') {
        let len = rest.find('\n').unwrap_or(rest.len());
        return tok(TokenKind::LineComment, len, false);
    }
    if rest.starts_with("/*") {
        let (len, unterminated) = block_comment_len(rest, opts.nested_block_comments);
        return tok(TokenKind::BlockComment, len, unterminated);
    }
    match c {
        '\'' => {
            let (len, unterminated) = quoted_len(rest, b'\'', opts.backslash_escapes);
            return tok(TokenKind::String, len, unterminated);
        }
        '"' => {
            let (len, unterminated) = quoted_len(rest, b'"', false);
            return tok(TokenKind::QuotedIdent, len, unterminated);
        }
        '`' if opts.backticks => {
            let (len, unterminated) = quoted_len(rest, b'`', false);
            return tok(TokenKind::QuotedIdent, len, unterminated);
        }
        '[' if opts.brackets => {
            let (len, unterminated) = match rest.find(']') {
                Some(i) => (i + 1, false),
                None => (rest.len(), true),
            };
            return tok(TokenKind::QuotedIdent, len, unterminated);
        }
        ';' => return tok(TokenKind::Semicolon, 1, false),
        '$' if opts.dollar_quotes => {
            if let Some(tag_len) = dollar_tag_len(rest) {
                let tag = &rest[..tag_len];
                return match rest[tag_len..].find(tag) {
                    Some(i) => tok(TokenKind::DollarString, tag_len + i + tag_len, false),
                    None => tok(TokenKind::DollarString, rest.len(), true),
                };
            }
        }
        _ => {}
    }
    // A one-letter prefix glued to a string: E'..' (escapes), B'..', X'..', N'..'.
    if matches!(c, 'e' | 'E' | 'b' | 'B' | 'x' | 'X' | 'n' | 'N') && bytes.get(1) == Some(&b'\'') {
        let escapes = matches!(c, 'e' | 'E') || opts.backslash_escapes;
        let (len, unterminated) = quoted_len(&rest[1..], b'\'', escapes);
        return tok(TokenKind::String, len + 1, unterminated);
    }
    // U&'..' and U&".." (PostgreSQL Unicode escapes).
    if matches!(c, 'u' | 'U') && rest[1..].starts_with("&'") {
        let (len, unterminated) = quoted_len(&rest[2..], b'\'', false);
        return tok(TokenKind::String, len + 2, unterminated);
    }
    if is_ident_start(c) {
        let len = rest.find(|ch: char| !is_ident_continue(ch)).unwrap_or(rest.len());
        return tok(TokenKind::Word, len, false);
    }
    if c.is_ascii_digit() {
        let len = rest.find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '.' || ch == '_')).unwrap_or(rest.len());
        return tok(TokenKind::Number, len, false);
    }
    tok(TokenKind::Punct, c.len_utf8(), false)
}

/// The length of `$tag$` at the start of `s`, if it is a dollar-quote opener (not a `$1`
/// parameter).
fn dollar_tag_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices().skip(1);
    match chars.next() {
        Some((i, '$')) => return Some(i + 1),
        Some((_, c)) if is_ident_start(c) => {}
        _ => return None,
    }
    for (i, c) in chars {
        if c == '$' {
            return Some(i + 1);
        }
        if !(c.is_alphanumeric() || c == '_') {
            return None;
        }
    }
    None
}

/// Length of a quoted token starting at `s[0] == quote`, doubling the quote to escape it.
fn quoted_len(s: &str, quote: u8, backslash_escapes: bool) -> (usize, bool) {
    let bytes = s.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        let b = bytes[i];
        if backslash_escapes && b == b'\\' {
            i += 2;
            continue;
        }
        if b == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return (i + 1, false);
        }
        i += 1;
    }
    (s.len(), true)
}

fn block_comment_len(s: &str, nested: bool) -> (usize, bool) {
    let bytes = s.as_bytes();
    let mut depth = 0;
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'/' && bytes[i + 1] == b'*' {
            if depth == 0 || nested {
                depth += 1;
            }
            i += 2;
        } else if bytes[i] == b'*' && bytes[i + 1] == b'/' {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return (i, false);
            }
        } else {
            i += 1;
        }
    }
    (s.len(), true)
}

/// All tokens of `src`.
pub(crate) fn tokenize(src: &str, opts: LexOptions) -> Vec<Token> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < src.len() {
        let t = lex_one(src, pos, opts);
        debug_assert!(t.end > pos, "the lexer must make progress");
        pos = t.end.max(pos + 1);
        out.push(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str, dialect: Dialect) -> Vec<(TokenKind, &str)> {
        tokenize(src, LexOptions::for_dialect(dialect))
            .into_iter()
            .filter(|t| t.kind != TokenKind::Whitespace)
            .map(|t| (t.kind, t.text(src)))
            .collect()
    }

    #[test]
    fn dollar_quotes_hide_semicolons() {
        let src = "AS $fn$ BEGIN x; END $fn$; $1";
        let toks = kinds(src, Dialect::Postgres);
        assert_eq!(toks[1], (TokenKind::DollarString, "$fn$ BEGIN x; END $fn$"));
        assert_eq!(toks[2], (TokenKind::Semicolon, ";"));
        assert_eq!(toks[3], (TokenKind::Punct, "$"));
    }

    #[test]
    fn unterminated_tokens_run_to_the_end() {
        let toks = tokenize("SELECT $$ abc; def", LexOptions::for_dialect(Dialect::Postgres));
        let last = toks.last().unwrap();
        assert_eq!(last.kind, TokenKind::DollarString);
        assert!(last.unterminated);
        let toks = tokenize("'it''s", LexOptions::for_dialect(Dialect::Postgres));
        assert!(toks[0].unterminated);
    }

    #[test]
    fn dialect_specific_quoting() {
        assert_eq!(kinds("`a;b`", Dialect::MySql), vec![(TokenKind::QuotedIdent, "`a;b`")]);
        assert_eq!(kinds("'a\\';'", Dialect::MySql), vec![(TokenKind::String, "'a\\';'")]);
        assert_eq!(kinds("E'a\\';'", Dialect::Postgres), vec![(TokenKind::String, "E'a\\';'")]);
        assert_eq!(kinds("# x;\n", Dialect::MySql), vec![(TokenKind::LineComment, "# x;")]);
        assert_eq!(kinds("/* a /* b */ c */", Dialect::Postgres), vec![(TokenKind::BlockComment, "/* a /* b */ c */")]);
    }
}
