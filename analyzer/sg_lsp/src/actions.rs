//! Code actions: "allow RULE here", which writes the suppression comment above the
//! statement, in the file's own comment syntax, with a reason to fill in.

use lsp_types::{Position, Range, TextEdit};
use sg_engine::{Analysis, Diagnostic};
use sg_model::FileId;

use crate::convert;

fn comment_marker(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("py") => "#",
        Some("go" | "rs") => "//",
        _ => "--",
    }
}

/// The edit that inserts `<marker> schemagraph: allow RULE -- reason` on its own line above
/// the statement (or call, or field) that holds the finding, indented like it.
pub(crate) fn allow_here(analysis: &Analysis, rel: &str, file: FileId, d: &Diagnostic) -> Option<TextEdit> {
    let files = &analysis.files;
    let f = &d.finding;
    // The statement that holds the finding: the smallest op span around it, if any.
    let statement = analysis
        .streams
        .iter()
        .flat_map(|s| s.migrations.iter().flat_map(|m| m.up.iter().chain(m.down.iter().flatten())))
        .map(|op| op.span)
        .filter(|s| s.file == file && s.start <= f.span.start && f.span.start <= s.end)
        .min_by_key(|s| s.len());
    let anchor = statement.map_or(f.span.start, |s| s.start) as usize;
    let text = files.text(file);
    let source = files.get(file);
    let line = source.line_index.line_of(anchor);
    let line_start = source.line_index.line_start(line);
    let indent: String = text[line_start..].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let comment = format!("{indent}{} schemagraph: allow {} -- reason\n", comment_marker(rel), f.rule);
    let at = convert::position(files, file, line_start);
    Some(TextEdit { range: Range { start: at, end: Position { ..at } }, new_text: comment })
}
