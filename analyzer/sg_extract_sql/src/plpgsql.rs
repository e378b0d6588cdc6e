//! DO blocks: recover the DDL inside an anonymous PL/pgSQL block.
//!
//! Migrations use DO blocks to make DDL conditional; the DDL itself is plain SQL and is
//! extracted like any other statement, located inside the block:
//!
//! ```sql
//! DO $$ BEGIN
//!   IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN
//!     CREATE TYPE mood AS ENUM ('happy', 'sad');      -- extracted, marked conditional
//!   END IF;
//!   EXECUTE 'ALTER TABLE people ADD COLUMN mood mood'; -- literal EXECUTE: extracted
//!   EXECUTE format('DROP TABLE %I', name);              -- dynamic: Opaque, with a note
//! END $$;
//! ```
//!
//! DDL under an IF, inside a loop, or in a block with an EXCEPTION handler may not run, or
//! may fail harmlessly; such ops are marked conditional so the replay neither reports them
//! as duplicates nor as missing.

use sg_model::finding::builtin::UNSUPPORTED_CONSTRUCT;
use sg_model::{Finding, OffsetMap, Op, OpKind};

use crate::extract::{Extraction, extract_sql, extract_statement};
use crate::lexer::{LexOptions, Token, TokenKind, tokenize};
use crate::lower::StmtCx;
use crate::split::RawStatement;

/// Statement keywords whose statements are extracted from a block body.
const SQL_STARTS: &[&str] =
    &["CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REINDEX"];

pub(crate) fn extract_do(cx: &StmtCx<'_>, out: &mut Extraction) {
    let toks: Vec<Token> =
        tokenize(cx.text, LexOptions::for_dialect(cx.dialect)).into_iter().filter(|t| !t.is_trivia()).collect();
    let language = toks
        .windows(2)
        .find(|w| w[0].kind == TokenKind::Word && w[0].text(cx.text).eq_ignore_ascii_case("LANGUAGE"))
        .map(|w| w[1].text(cx.text).trim_matches('\'').to_ascii_lowercase());
    let body = toks.iter().find(|t| matches!(t.kind, TokenKind::DollarString | TokenKind::String));
    let (Some(body), None | Some("plpgsql")) = (body, language.as_deref()) else {
        let reason = match language {
            Some(lang) => format!("a DO block in language `{lang}`"),
            None => "a DO block without a body".to_owned(),
        };
        skipped(cx, out, reason);
        return;
    };
    let (start, end) = match body.kind {
        TokenKind::DollarString => {
            let tag_len = body.text(cx.text)[1..].find('$').map_or(1, |i| i + 2);
            (body.start + tag_len, body.end.saturating_sub(tag_len).max(body.start + tag_len))
        }
        _ => {
            // A DO body in single quotes is rare and needs unescaping; treat it as dynamic.
            skipped(cx, out, "a DO block whose body is a quoted string".to_owned());
            return;
        }
    };
    let text = &cx.text[start..end];
    let map = cx.map.sub_map(start, text.len());
    let before = out.ops.len();
    walk_block(cx, text, &map, out);
    if out.ops.len() == before {
        out.ops.push(Op::new(OpKind::NoEffect { what: "DO block without DDL".into() }, cx.span));
    }
}

fn skipped(cx: &StmtCx<'_>, out: &mut Extraction, reason: String) {
    out.findings.push(
        Finding::new(UNSUPPORTED_CONSTRUCT, cx.span, format!("Skipped {reason}"))
            .with_help("schemagraph cannot tell what this block does to the schema"),
    );
    out.ops.push(Op::new(OpKind::Opaque { reason }, cx.span));
}

/// Walks the pieces of a PL/pgSQL body between semicolons, strips control-flow prefixes,
/// and extracts the SQL statements that remain.
fn walk_block(cx: &StmtCx<'_>, body: &str, map: &OffsetMap, out: &mut Extraction) {
    let toks: Vec<Token> =
        tokenize(body, LexOptions::for_dialect(cx.dialect)).into_iter().filter(|t| !t.is_trivia()).collect();
    let word = |t: &Token| {
        if t.kind == TokenKind::Word { t.text(body).to_ascii_uppercase() } else { String::new() }
    };
    let has_handler = toks.iter().any(|t| word(t) == "EXCEPTION");

    let mut pieces: Vec<&[Token]> = Vec::new();
    let mut from = 0;
    for (i, t) in toks.iter().enumerate() {
        if t.kind == TokenKind::Semicolon {
            pieces.push(&toks[from..i]);
            from = i + 1;
        }
    }
    pieces.push(&toks[from..]);

    let mut in_declare = false;
    let mut nesting: u32 = 0;
    for piece in pieces {
        let mut i = 0;
        // Strip control-flow keywords until a statement starts.
        while i < piece.len() {
            let w = word(&piece[i]);
            match w.as_str() {
                "DECLARE" => {
                    in_declare = true;
                    i += 1;
                }
                "BEGIN" => {
                    in_declare = false;
                    i += 1;
                }
                "IF" | "ELSIF" | "ELSEIF" | "WHEN" | "WHILE" | "FOR" | "FOREACH" => {
                    if matches!(w.as_str(), "IF" | "WHILE" | "FOR" | "FOREACH") {
                        nesting += 1;
                    }
                    // Skip the condition up to THEN or LOOP.
                    i += 1;
                    while i < piece.len() && !matches!(word(&piece[i]).as_str(), "THEN" | "LOOP") {
                        i += 1;
                    }
                    i += 1;
                }
                "ELSE" | "EXCEPTION" | "LOOP" => {
                    if w == "LOOP" {
                        nesting += 1;
                    }
                    i += 1;
                }
                "END" => {
                    if i + 1 < piece.len() && matches!(word(&piece[i + 1]).as_str(), "IF" | "LOOP" | "CASE") {
                        nesting = nesting.saturating_sub(1);
                        i += 1;
                    }
                    i += 1;
                }
                _ if piece[i].kind == TokenKind::Punct && piece[i].text(body) == "<" => {
                    // A `<<label>>` before a block or loop.
                    while i < piece.len() && piece[i].text(body) != ">" {
                        i += 1;
                    }
                    while i < piece.len() && piece[i].text(body) == ">" {
                        i += 1;
                    }
                }
                _ => break,
            }
        }
        if in_declare || i >= piece.len() {
            continue;
        }
        let first = word(&piece[i]);
        let start = piece[i].start;
        let end = piece.last().map_or(start, |t| t.end);
        let conditional = nesting > 0 || has_handler;
        let before = out.ops.len();
        if SQL_STARTS.contains(&first.as_str()) {
            let stmt = RawStatement { start, end, unterminated: None, meta: false };
            extract_statement(body, map, cx.dialect, &stmt, out);
        } else if first == "EXECUTE" {
            execute(cx, body, map, &piece[i + 1..], start, end, out);
        }
        // Anything else (PERFORM, RAISE, RETURN, assignments, SELECT ... INTO) cannot
        // change the schema.
        for op in &mut out.ops[before..] {
            op.conditional |= conditional;
        }
    }
}

/// `EXECUTE 'literal'` runs known SQL; anything else is dynamic.
fn execute(
    cx: &StmtCx<'_>,
    body: &str,
    map: &OffsetMap,
    args: &[Token],
    start: usize,
    end: usize,
    out: &mut Extraction,
) {
    let literal = match args {
        [t] if t.kind == TokenKind::String && t.text(body).starts_with('\'') => Some(*t),
        _ => None,
    };
    let Some(lit) = literal else {
        let span = map.span(start, end);
        out.findings.push(
            Finding::new(
                UNSUPPORTED_CONSTRUCT,
                span,
                "Skipped dynamic SQL in a DO block: the statement is built at run time",
            )
            .with_help("schemagraph reads only SQL written as a literal; write the DDL directly or as `EXECUTE '...'`"),
        );
        // Keep the text of the dynamic statement in the reason: rules that would report
        // something missing can see that this statement may create it.
        let text: String = body[start..end].split_whitespace().collect::<Vec<_>>().join(" ");
        let snippet: String = text.chars().take(160).collect();
        out.ops.push(Op::new(OpKind::Opaque { reason: format!("dynamic SQL in a DO block: {snippet}") }, span));
        return;
    };
    // Unescape '' and keep a segment per escape so spans land on the right bytes.
    let raw = &body[lit.start + 1..lit.end.saturating_sub(1).max(lit.start + 1)];
    let mut text = String::with_capacity(raw.len());
    let mut segments = vec![(0, map.offset(lit.start + 1))];
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        text.push(c);
        if c == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
            chars.next();
            segments.push((text.len(), map.offset(lit.start + 1 + i + 2)));
        }
    }
    let inner = OffsetMap::from_segments(map.file, segments, text.len(), map.offset(lit.end.saturating_sub(1)));
    out.extend(extract_sql(&text, &inner, cx.dialect));
}

#[cfg(test)]
mod tests {
    use sg_model::{Dialect, FileId, OffsetMap, OpKind};

    use crate::extract::extract_sql;

    fn extract(src: &str) -> crate::extract::Extraction {
        extract_sql(src, &OffsetMap::identity(FileId(0), src.len()), Dialect::Postgres)
    }

    #[test]
    fn guarded_ddl_is_extracted_as_conditional() {
        let src = "DO $$ BEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN\n    CREATE TYPE mood AS ENUM ('a', 'b');\n  END IF;\nEND $$;";
        let out = extract(src);
        assert!(out.findings.is_empty(), "{:?}", out.findings);
        assert_eq!(out.ops.len(), 1);
        assert!(matches!(out.ops[0].kind, OpKind::CreateEnum { .. }));
        assert!(out.ops[0].conditional);
        assert_eq!(&src[out.ops[0].span.range()], "CREATE TYPE mood AS ENUM ('a', 'b')");
    }

    #[test]
    fn exception_handlers_make_ddl_conditional() {
        let src =
            "DO $$\nBEGIN\n  CREATE TYPE s AS ENUM ('x');\nEXCEPTION\n  WHEN duplicate_object THEN null;\nEND\n$$;";
        let out = extract(src);
        assert_eq!(out.ops.len(), 1);
        assert!(out.ops[0].conditional);
    }

    #[test]
    fn plain_blocks_are_unconditional_and_literal_execute_is_read() {
        let src = "DO $do$\nDECLARE n int;\nBEGIN\n  ALTER TABLE t ADD COLUMN a int;\n  EXECUTE 'CREATE INDEX i ON t (a)';\n  EXECUTE format('DROP TABLE %I', n);\nEND $do$;";
        let out = extract(src);
        assert!(matches!(out.ops[0].kind, OpKind::AddColumn { .. }));
        assert!(!out.ops[0].conditional);
        assert!(matches!(out.ops[1].kind, OpKind::CreateIndex(_)));
        assert_eq!(&src[out.ops[1].span.range()], "CREATE INDEX i ON t (a)");
        assert!(matches!(out.ops[2].kind, OpKind::Opaque { .. }));
        assert_eq!(out.findings.len(), 1);
    }
}
