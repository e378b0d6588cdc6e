//! Building fixes: text edits of the SQL a finding is about.
//!
//! A fix is offered only where the edit is certain: the op comes from a `.sql` file (see
//! [`SourceText`](crate::SourceText)), the text at the op's span starts with the keywords
//! the rule expects, and the statement holds no other op the edit would change too.

use sg_model::{Edit, Fix, Span};

use crate::OpContext;

/// The SQL text of one file, for locating an edit.
pub(crate) struct SqlFile<'a> {
    text: &'a str,
    span: Span,
}

impl OpContext<'_> {
    /// The file of `span`, when it is SQL as written and `span` lies inside it.
    pub(crate) fn sql_file(&self, span: Span) -> Option<SqlFile<'_>> {
        let text = self.sources.sql_file(span.file)?;
        text.get(span.range())?;
        Some(SqlFile { text, span })
    }

    /// Whether this op is the only one its statement produced: an edit of the statement
    /// then changes nothing else.
    pub(crate) fn statement_is_single_op(&self) -> bool {
        let m = self.migration();
        m.up.iter().enumerate().all(|(i, op)| i == self.op_index || op.span != self.op.span)
    }
}

impl SqlFile<'_> {
    /// The offset just past the keywords `words` when the span's text starts with them
    /// (in any case, with whitespace and comments between them).
    pub(crate) fn after_keywords(&self, words: &[&str]) -> Option<usize> {
        let mut at = self.span.start as usize;
        for word in words {
            at = skip_trivia(self.text, at);
            let end = at + self.text[at..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
            if end > self.span.end as usize || !self.text[at..end].eq_ignore_ascii_case(word) {
                return None;
            }
            at = end;
        }
        Some(at)
    }

    /// The text of the span.
    pub(crate) fn span_text(&self) -> &str {
        &self.text[self.span.range()]
    }

    /// Whether the span starts a line (only indentation before it).
    pub(crate) fn starts_line(&self) -> bool {
        let start = self.span.start as usize;
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        self.text[line_start..start].trim().is_empty()
    }

    /// The indentation of the line the span starts on.
    pub(crate) fn indentation(&self) -> &str {
        let start = self.span.start as usize;
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        &self.text[line_start..start]
    }

    /// A fix inserting `text` at `offset` of this file.
    pub(crate) fn insert(&self, title: impl Into<String>, offset: usize, text: impl Into<String>) -> Fix {
        Fix {
            title: title.into(),
            edits: vec![Edit { span: Span::new(self.span.file, offset, offset), replacement: text.into() }],
        }
    }
}

/// For a constraint added to an existing table: append `NOT VALID` to its clause, so that
/// adding it takes its lock only briefly and a later `VALIDATE CONSTRAINT` checks the rows.
pub(crate) fn not_valid_fix(cx: &OpContext<'_>, constraint: Span) -> Option<Fix> {
    let sql = cx.sql_file(constraint)?;
    let clause = sql.span_text().trim_end();
    // The span must hold the clause alone, not the end of the statement.
    if clause.is_empty() || clause.ends_with([';', ',']) {
        return None;
    }
    Some(sql.insert(
        "Add the constraint NOT VALID (validate it in a later migration)",
        constraint.start as usize + clause.len(),
        " NOT VALID",
    ))
}

/// The offset of the first byte at or after `at` that is neither whitespace nor part of a
/// comment.
fn skip_trivia(text: &str, mut at: usize) -> usize {
    loop {
        let rest = &text[at..];
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        if trimmed.starts_with("--") {
            at += trimmed.find('\n').unwrap_or(trimmed.len());
        } else if trimmed.starts_with("/*") {
            at += trimmed.find("*/").map_or(trimmed.len(), |i| i + 2);
        } else {
            return at;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sg_model::FileId;

    fn file(text: &str) -> SqlFile<'_> {
        SqlFile { text, span: Span::new(FileId(0), 0, text.len()) }
    }

    #[test]
    fn keywords_are_matched_through_case_comments_and_whitespace() {
        let f = file("create /* why */ unique\n-- note\n  INDEX i ON t (c);");
        assert_eq!(f.after_keywords(&["CREATE", "UNIQUE", "INDEX"]), Some(39));
        assert_eq!(f.after_keywords(&["CREATE", "INDEX"]), None);
        assert_eq!(file("CREATE INDEXES").after_keywords(&["CREATE", "INDEX"]), None);
    }

    #[test]
    fn line_start_and_indentation() {
        let text = "SELECT 1;\n    CREATE INDEX i ON t (c);";
        let f = SqlFile { text, span: Span::new(FileId(0), 14, text.len()) };
        assert!(f.starts_line());
        assert_eq!(f.indentation(), "    ");
        let g = SqlFile { text, span: Span::new(FileId(0), 7, 9) };
        assert!(!g.starts_line());
    }
}
