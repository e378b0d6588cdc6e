//! Infers a stream's dialect from the SQL itself, when neither configuration nor the path
//! says which it is.
//!
//! Each dialect has tell-tale syntax: backticks and `AUTO_INCREMENT` are MySQL,
//! `AUTOINCREMENT` and `PRAGMA` are SQLite, dollar quotes, `::` casts, `SERIAL` and `JSONB`
//! are PostgreSQL. The evidence is counted over every file of a stream.

use sg_model::Dialect;

use crate::lexer::{LexOptions, TokenKind, tokenize};

/// Evidence for each dialect in one text: counts of tell-tale tokens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DialectEvidence {
    pub postgres: u32,
    pub mysql: u32,
    pub sqlite: u32,
}

impl DialectEvidence {
    pub fn add(&mut self, other: DialectEvidence) {
        self.postgres += other.postgres;
        self.mysql += other.mysql;
        self.sqlite += other.sqlite;
    }

    /// The dialect with clearly the most evidence, if any.
    pub fn verdict(self) -> Option<Dialect> {
        let scores = [(self.postgres, Dialect::Postgres), (self.mysql, Dialect::MySql), (self.sqlite, Dialect::Sqlite)];
        let best = scores.iter().max_by_key(|(n, _)| *n)?;
        let ties = scores.iter().filter(|(n, _)| *n == best.0).count();
        (best.0 > 0 && ties == 1).then_some(best.1)
    }
}

pub fn dialect_evidence(text: &str) -> DialectEvidence {
    // Lex with MySQL's rules, which accept backticks and `#` comments; a PostgreSQL file
    // lexes the same except for dollar quotes, which are counted from the raw text.
    let mut ev = DialectEvidence::default();
    let toks = tokenize(text, LexOptions::for_dialect(Dialect::MySql));
    let mut prev_word = String::new();
    for t in &toks {
        let s = t.text(text);
        match t.kind {
            TokenKind::QuotedIdent if s.starts_with('`') => ev.mysql += 1,
            TokenKind::Word => {
                let w = s.to_ascii_uppercase();
                match w.as_str() {
                    "AUTO_INCREMENT" | "UNSIGNED" | "ENGINE" | "TINYINT" | "MEDIUMTEXT" | "LONGTEXT" | "DATETIME" => {
                        ev.mysql += 1
                    }
                    "AUTOINCREMENT" | "PRAGMA" => ev.sqlite += 2,
                    "ROWID" if prev_word == "WITHOUT" => ev.sqlite += 2,
                    "SERIAL" | "BIGSERIAL" | "JSONB" | "TIMESTAMPTZ" | "PLPGSQL" | "CONCURRENTLY" | "BYTEA"
                    | "UUID" | "INET" | "CITEXT" | "EXTENSION" | "POLICY" => ev.postgres += 1,
                    _ => {}
                }
                prev_word = w;
            }
            TokenKind::Punct if s == ":" => {}
            _ => {}
        }
    }
    ev.postgres += text.matches("::").count().min(5) as u32;
    ev.postgres += text.matches("$$").count().min(5) as u32;
    ev
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tell_tale_syntax() {
        assert_eq!(dialect_evidence("CREATE TABLE `a` (id int AUTO_INCREMENT)").verdict(), Some(Dialect::MySql));
        assert_eq!(
            dialect_evidence("CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT)").verdict(),
            Some(Dialect::Sqlite)
        );
        assert_eq!(dialect_evidence("CREATE TABLE a (id bigserial, d jsonb)").verdict(), Some(Dialect::Postgres));
        assert_eq!(dialect_evidence("CREATE TABLE a (id int)").verdict(), None);
    }
}
