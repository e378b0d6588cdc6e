//! Splits SQL text into statements, with exact byte ranges, and finds migration markers.
//!
//! Semicolons end statements except inside quotes, dollar quotes, comments, and the
//! `BEGIN ... END` body of a trigger or routine (MySQL, SQLite, and PostgreSQL's
//! `BEGIN ATOMIC`). MySQL's client-side `DELIMITER //` is honoured, and psql meta-commands
//! (`\connect`, `\restrict`) become statements of their own so they can be skipped with a
//! note. Marker comments end the statement before them:
//!
//! ```text
//! -- +goose Up                 goose sections, blocks and options
//! -- +goose StatementBegin
//! -- +goose NO TRANSACTION
//! -- migrate:up transaction:false     dbmate sections
//! ```

use sg_model::Dialect;

use crate::lexer::{LexOptions, Token, TokenKind, lex_one};

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawStatement {
    /// Byte range from the first to the end of the last significant token, without the
    /// delimiter.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// A quote, dollar quote or comment inside the statement that never closed; the
    /// statement then runs to the end of the text.
    pub(crate) unterminated: Option<Token>,
    /// A psql meta-command line such as `\connect db`.
    pub(crate) meta: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MarkerKind {
    GooseUp,
    GooseDown,
    GooseStatementBegin,
    GooseStatementEnd,
    GooseNoTransaction,
    GooseEnvsub,
    DbmateUp { transaction: bool },
    DbmateDown { transaction: bool },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Marker {
    pub(crate) kind: MarkerKind,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

#[derive(Debug, Default)]
pub(crate) struct Split {
    pub(crate) statements: Vec<RawStatement>,
    pub(crate) markers: Vec<Marker>,
}

struct Builder {
    start: usize,
    end: usize,
    words: usize,
    first_word_create: bool,
    routine: bool,
    depth: u32,
    pending_end: bool,
    unterminated: Option<Token>,
}

impl Builder {
    fn new(start: usize) -> Builder {
        Builder {
            start,
            end: start,
            words: 0,
            first_word_create: false,
            routine: false,
            depth: 0,
            pending_end: false,
            unterminated: None,
        }
    }

    fn push(&mut self, src: &str, tok: Token) {
        self.end = tok.end;
        if tok.unterminated {
            self.unterminated = Some(tok);
        }
        if self.pending_end {
            self.pending_end = false;
            let next = if tok.kind == TokenKind::Word { tok.text(src).to_ascii_uppercase() } else { String::new() };
            match next.as_str() {
                // `END IF` and friends close statements that were never counted.
                "IF" | "LOOP" | "WHILE" | "REPEAT" | "FOR" => return,
                // `END CASE` closes the CASE that was counted; the word opens nothing.
                "CASE" => {
                    self.depth = self.depth.saturating_sub(1);
                    return;
                }
                _ => self.depth = self.depth.saturating_sub(1),
            }
        }
        if tok.kind != TokenKind::Word {
            return;
        }
        let word = tok.text(src).to_ascii_uppercase();
        self.words += 1;
        if self.words == 1 {
            self.first_word_create = word == "CREATE";
        } else if self.first_word_create
            && self.words <= 8
            && matches!(word.as_str(), "TRIGGER" | "PROCEDURE" | "FUNCTION" | "EVENT")
        {
            self.routine = true;
        }
        if !self.routine {
            return;
        }
        match word.as_str() {
            "BEGIN" => self.depth += 1,
            "CASE" if self.depth > 0 => self.depth += 1,
            "END" if self.depth > 0 => self.pending_end = true,
            _ => {}
        }
    }

    fn in_block(&self) -> bool {
        self.depth > 0 && !self.pending_end || self.depth > 1
    }
}

fn at_line_start(src: &str, pos: usize) -> bool {
    src[..pos].rsplit('\n').next().is_none_or(|line| line.trim().is_empty())
}

fn line_end(src: &str, pos: usize) -> usize {
    src[pos..].find('\n').map_or(src.len(), |i| pos + i)
}

pub(crate) fn split(src: &str, dialect: Dialect) -> Split {
    let opts = LexOptions::for_dialect(dialect);
    let mut out = Split::default();
    let mut current: Option<Builder> = None;
    let mut delimiter = String::from(";");
    let mut pos = 0;

    let finish = |current: &mut Option<Builder>, out: &mut Split| {
        if let Some(b) = current.take() {
            out.statements.push(RawStatement { start: b.start, end: b.end, unterminated: b.unterminated, meta: false });
        }
    };

    while pos < src.len() {
        let in_block = current.as_ref().is_some_and(Builder::in_block);
        if delimiter != ";" && !in_block && src[pos..].starts_with(delimiter.as_str()) {
            finish(&mut current, &mut out);
            pos += delimiter.len();
            continue;
        }
        if current.is_none() && at_line_start(src, pos) {
            let rest = &src[pos..];
            if dialect == Dialect::MySql && rest.len() > 10 && rest[..10].eq_ignore_ascii_case("delimiter ") {
                let end = line_end(src, pos);
                let arg = src[pos + 10..end].trim();
                if !arg.is_empty() {
                    delimiter = arg.to_owned();
                }
                pos = end;
                continue;
            }
            if dialect == Dialect::Postgres && rest.starts_with('\\') {
                let end = line_end(src, pos);
                let end = pos + src[pos..end].trim_end().len();
                out.statements.push(RawStatement { start: pos, end, unterminated: None, meta: true });
                pos = end;
                continue;
            }
        }
        let tok = lex_one(src, pos, opts);
        let next = tok.end.max(pos + 1);
        match tok.kind {
            TokenKind::Whitespace => {}
            TokenKind::LineComment | TokenKind::BlockComment => {
                if let Some(kind) = marker(tok.text(src)) {
                    let boundary = !matches!(kind, MarkerKind::GooseNoTransaction | MarkerKind::GooseEnvsub);
                    if boundary {
                        finish(&mut current, &mut out);
                    }
                    out.markers.push(Marker { kind, start: tok.start, end: tok.end });
                } else if tok.unterminated {
                    current.get_or_insert_with(|| Builder::new(tok.start)).push(src, tok);
                }
            }
            TokenKind::Semicolon if delimiter == ";" && !in_block => {
                if let Some(b) = current.as_mut()
                    && b.pending_end
                {
                    b.pending_end = false;
                    b.depth = b.depth.saturating_sub(1);
                    if b.depth > 0 {
                        b.end = tok.end;
                        pos = next;
                        continue;
                    }
                }
                finish(&mut current, &mut out);
            }
            _ => current.get_or_insert_with(|| Builder::new(tok.start)).push(src, tok),
        }
        pos = next;
    }
    finish(&mut current, &mut out);
    out
}

/// Recognizes goose and dbmate marker comments.
fn marker(comment: &str) -> Option<MarkerKind> {
    let body = comment.strip_prefix("--")?.trim();
    if let Some(rest) = body.strip_prefix("+goose") {
        let rest = rest.trim().to_ascii_lowercase();
        let words: Vec<&str> = rest.split_whitespace().collect();
        return match words.as_slice() {
            ["up", ..] => Some(MarkerKind::GooseUp),
            ["down", ..] => Some(MarkerKind::GooseDown),
            ["statementbegin", ..] => Some(MarkerKind::GooseStatementBegin),
            ["statementend", ..] => Some(MarkerKind::GooseStatementEnd),
            ["no", "transaction", ..] => Some(MarkerKind::GooseNoTransaction),
            ["envsub", ..] => Some(MarkerKind::GooseEnvsub),
            _ => None,
        };
    }
    let rest = body.strip_prefix("migrate:")?;
    let mut words = rest.split_whitespace();
    let direction = words.next()?.to_ascii_lowercase();
    let transaction = !words.any(|w| w.eq_ignore_ascii_case("transaction:false"));
    match direction.as_str() {
        "up" => Some(MarkerKind::DbmateUp { transaction }),
        "down" => Some(MarkerKind::DbmateDown { transaction }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str, dialect: Dialect) -> Vec<&str> {
        split(src, dialect).statements.iter().map(|s| &src[s.start..s.end]).collect()
    }

    #[test]
    fn splits_on_semicolons_outside_quotes() {
        let src = "CREATE TABLE a (x text DEFAULT ';');\n-- c; d\nDROP TABLE b  ;  ;\nSELECT 1";
        assert_eq!(
            texts(src, Dialect::Postgres),
            vec!["CREATE TABLE a (x text DEFAULT ';')", "DROP TABLE b", "SELECT 1"]
        );
    }

    #[test]
    fn function_bodies_stay_whole() {
        let src = "CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  NEW.x := 1;\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\nSELECT 2;";
        let stmts = texts(src, Dialect::Postgres);
        assert_eq!(stmts.len(), 2);
        assert!(stmts[0].ends_with("LANGUAGE plpgsql"));
    }

    #[test]
    fn trigger_bodies_with_begin_end() {
        let src =
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE b SET n = n + 1;\n  DELETE FROM c;\nEND;\nSELECT 1;";
        let stmts = texts(src, Dialect::Sqlite);
        assert_eq!(stmts.len(), 2, "{stmts:?}");
        assert!(stmts[0].ends_with("END"));
        let src = "CREATE PROCEDURE p() BEGIN IF x THEN SELECT 1; END IF; CASE WHEN a THEN SELECT 2; END CASE; END;\nSELECT 3;";
        assert_eq!(texts(src, Dialect::MySql).len(), 2);
    }

    #[test]
    fn mysql_delimiter_command() {
        let src = "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END//\nDELIMITER ;\nSELECT 2;";
        let stmts = texts(src, Dialect::MySql);
        assert_eq!(stmts, vec!["CREATE PROCEDURE p() BEGIN SELECT 1; END", "SELECT 2"]);
    }

    #[test]
    fn goose_markers_are_boundaries() {
        let src = "-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE a (id int)\n-- +goose StatementEnd\n-- +goose Down\nDROP TABLE a;\n";
        let s = split(src, Dialect::Postgres);
        assert_eq!(s.statements.len(), 2);
        let kinds: Vec<_> = s.markers.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            vec![
                MarkerKind::GooseUp,
                MarkerKind::GooseStatementBegin,
                MarkerKind::GooseStatementEnd,
                MarkerKind::GooseDown
            ]
        );
    }

    #[test]
    fn dbmate_markers_with_options() {
        let s = split(
            "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (x);\n-- migrate:down\n",
            Dialect::Postgres,
        );
        assert_eq!(s.markers[0].kind, MarkerKind::DbmateUp { transaction: false });
        assert_eq!(s.markers[1].kind, MarkerKind::DbmateDown { transaction: true });
    }

    #[test]
    fn unterminated_dollar_quote_is_kept() {
        let src = "CREATE TABLE a (id int);\nDO $$ BEGIN PERFORM 1;\nCREATE TABLE b (id int);";
        let s = split(src, Dialect::Postgres);
        assert_eq!(s.statements.len(), 2);
        assert!(s.statements[1].unterminated.is_some());
        assert_eq!(s.statements[1].end, src.len());
    }

    #[test]
    fn psql_meta_commands_are_their_own_statements() {
        let src = "\\restrict abc\nCREATE TABLE a (id int);\n";
        let s = split(src, Dialect::Postgres);
        assert!(s.statements[0].meta);
        assert_eq!(&src[s.statements[1].start..s.statements[1].end], "CREATE TABLE a (id int)");
    }
}
