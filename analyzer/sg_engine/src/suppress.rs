//! Suppression comments: `schemagraph: allow RULE[, RULE] -- reason`.
//!
//! The comment uses the file's own comment syntax (`--` in SQL, `#` in Python, `//` in Go
//! and Rust) and names rules or categories:
//!
//! ```sql
//! -- schemagraph: allow drop-column -- the column was never read by any deployed version
//! ALTER TABLE users DROP COLUMN legacy_flags;
//! ```
//!
//! Scope: directly above a statement (or call, or model field), the comment covers that
//! statement. In a file's header (before its first statement) and separated from what
//! follows by a blank line, it covers the whole file. Anywhere else it covers the next line
//! of code.

use std::collections::BTreeMap;

use sg_model::finding::builtin::{SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION};
use sg_model::{Edit, FileId, Finding, Fix, Severity, Span};
use sg_rules::Category;

use crate::analysis::{Diagnostic, Stream};
use crate::files::FileTable;

#[derive(Debug)]
struct Suppression {
    file: FileId,
    /// The comment itself.
    span: Span,
    /// The comment's whole line, line break included: the comment is alone on it.
    line: std::ops::Range<usize>,
    names: Vec<(String, Span)>,
    has_reason: bool,
    /// Byte range of what it covers.
    scope: std::ops::Range<usize>,
    used: Vec<bool>,
}

fn comment_marker(path: &str) -> Option<&'static str> {
    let ext = path.rsplit('.').next()?;
    match ext {
        "sql" => Some("--"),
        "py" => Some("#"),
        "go" | "rs" => Some("//"),
        _ => None,
    }
}

/// A parsed `schemagraph: allow` comment: where it starts in its line, the names with
/// their offsets in the line, and whether it gives a reason.
type Parsed = (usize, Vec<(usize, String)>, bool);

/// Parses `schemagraph: allow a, b -- reason` after a comment marker.
fn parse_comment(line: &str, marker: &str) -> Option<Parsed> {
    let trimmed = line.trim_start();
    let body = trimmed.strip_prefix(marker)?;
    let names_part = body.trim_start().strip_prefix("schemagraph:")?.trim_start();
    let names_at = line.len() - names_part.len();
    let names_part = names_part.strip_prefix("allow")?;
    let names_at = names_at + "allow".len();
    let (names_text, has_reason) = match names_part.find(" -- ") {
        Some(i) => (&names_part[..i], !names_part[i + 4..].trim().is_empty()),
        None => (names_part.trim_end().strip_suffix(" --").unwrap_or(names_part), false),
    };
    let mut names = Vec::new();
    let mut offset = 0;
    for piece in names_text.split([',', ' ', '\t']) {
        if !piece.is_empty() {
            let at = names_text[offset..].find(piece).map_or(offset, |i| offset + i);
            names.push((names_at + at, piece.to_owned()));
            offset = at + piece.len();
        }
    }
    Some((line.len() - trimmed.len(), names, has_reason))
}

/// Applies the suppressions in `files` to `diagnostics`, and reports suppressions without a
/// reason and names that suppressed nothing.
pub(crate) fn apply(
    files: &FileTable,
    streams: &[std::sync::Arc<Stream>],
    diagnostics: &mut Vec<Diagnostic>,
    enabled: &dyn Fn(&str) -> Option<Severity>,
    stream_of: &dyn Fn(&str) -> Option<usize>,
) {
    // Where statements (and other ops) start and end, per file.
    let mut op_spans: BTreeMap<FileId, Vec<Span>> = BTreeMap::new();
    for s in streams {
        for m in &s.migrations {
            for op in m.up.iter().chain(m.down.iter().flatten()) {
                op_spans.entry(op.span.file).or_default().push(op.span);
            }
        }
        for d in &s.declared {
            for op in &d.ops {
                op_spans.entry(op.span.file).or_default().push(op.span);
            }
        }
    }
    for spans in op_spans.values_mut() {
        spans.sort();
    }

    let mut suppressions = Vec::new();
    for (id, file) in files.iter() {
        let Some(marker) = comment_marker(&file.path) else { continue };
        if !file.text.contains("schemagraph:") {
            continue;
        }
        let spans = op_spans.get(&id).map(Vec::as_slice).unwrap_or(&[]);
        let index = &file.line_index;
        for line in 0..index.line_count() {
            let range = index.line_range(&file.text, line);
            let text = &file.text[range.clone()];
            let Some((start, names, has_reason)) = parse_comment(text, marker) else { continue };
            let scope = scope(&file.text, index, marker, line, spans);
            let rest = &file.text[range.end..];
            let line_break = if rest.starts_with("\r\n") { 2 } else { usize::from(rest.starts_with('\n')) };
            suppressions.push(Suppression {
                file: id,
                span: Span::new(id, range.start + start, range.end),
                line: range.start..range.end + line_break,
                used: vec![false; names.len()],
                names: names
                    .into_iter()
                    .map(|(at, n)| {
                        let len = n.len();
                        (n, Span::new(id, range.start + at, range.start + at + len))
                    })
                    .collect(),
                has_reason,
                scope,
            });
        }
    }
    if suppressions.is_empty() {
        return;
    }

    diagnostics.retain(|d| {
        let f = &d.finding;
        let mut suppressed = false;
        for s in suppressions.iter_mut().filter(|s| s.file == f.span.file) {
            if !s.scope.contains(&(f.span.start as usize)) && s.scope.start != f.span.start as usize {
                continue;
            }
            for (i, (name, _)) in s.names.iter().enumerate() {
                if name == f.rule || name == d.category.name() {
                    s.used[i] = true;
                    suppressed = true;
                }
            }
        }
        !suppressed
    });

    for s in &suppressions {
        let path = files.path(s.file);
        let stream = stream_of(path);
        if !s.has_reason
            && let Some(severity) = enabled(SUPPRESSION_WITHOUT_REASON)
        {
            let mut f = Finding::new(SUPPRESSION_WITHOUT_REASON, s.span, "This suppression does not say why the finding is acceptable")
                .with_help("add ` -- ` and the reason after the rule names, e.g. `-- schemagraph: allow drop-column -- never read since v2.3`")
                .with_object(format!("suppression:{path}:{}", s.names.iter().map(|n| n.0.as_str()).collect::<Vec<_>>().join(",")));
            f.severity = severity;
            diagnostics.push(Diagnostic { finding: f, category: Category::Meta, stream });
        }
        let Some(severity) = enabled(UNUSED_SUPPRESSION) else { continue };
        for (i, (name, span)) in s.names.iter().enumerate() {
            if s.used[i] {
                continue;
            }
            let known_rule = sg_rules::rule(name);
            let known_category = Category::from_name(name);
            let message = match (known_rule, known_category) {
                (None, None) => format!("`{name}` is not a rule or category, so this suppresses nothing"),
                (Some(r), _) if enabled(r.meta.name).is_none() => continue,
                _ => format!("Nothing here is reported by `{name}`, so this suppression is unused"),
            };
            let mut f = Finding::new(UNUSED_SUPPRESSION, *span, message)
                .with_help("remove the name, or fix it; `schemagraph rules` lists rule and category names")
                .with_object(format!("suppression:{path}:{name}"))
                .with_fix(removal(s, i));
            f.severity = severity;
            diagnostics.push(Diagnostic { finding: f, category: Category::Meta, stream });
        }
    }
}

/// The fix for the unused name `i` of `s`: the whole comment when it suppresses nothing
/// else, otherwise the name and the separator that joins it to its neighbour.
fn removal(s: &Suppression, i: usize) -> Fix {
    let names = &s.names;
    let (range, title) = if s.used.iter().all(|u| !u) {
        (s.line.clone(), "Remove the suppression".to_owned())
    } else {
        let range = match (names.get(i + 1), i.checked_sub(1).map(|j| &names[j])) {
            (Some((_, next)), _) => names[i].1.start as usize..next.start as usize,
            (None, Some((_, previous))) => previous.end as usize..names[i].1.end as usize,
            (None, None) => names[i].1.range(),
        };
        (range, format!("Remove `{}` from the suppression", names[i].0))
    };
    Fix { title, edits: vec![Edit { span: Span::new(s.file, range.start, range.end), replacement: String::new() }] }
}

/// What a suppression on `line` covers.
fn scope(text: &str, index: &sg_model::LineIndex, marker: &str, line: usize, ops: &[Span]) -> std::ops::Range<usize> {
    let is_comment_or_blank = |l: usize| {
        let t = text[index.line_range(text, l)].trim();
        t.is_empty() || t.starts_with(marker)
    };
    let mut next = line + 1;
    let mut blank_between = false;
    while next < index.line_count() && is_comment_or_blank(next) {
        blank_between |= text[index.line_range(text, next)].trim().is_empty();
        next += 1;
    }
    let next_range = if next < index.line_count() { index.line_range(text, next) } else { text.len()..text.len() };
    let comment_start = index.line_start(line);
    let in_header = ops.first().is_none_or(|op| op.start as usize >= comment_start);
    let starting_here: Vec<&Span> = ops
        .iter()
        .filter(|op| (op.start as usize) >= next_range.start && (op.start as usize) <= next_range.end)
        .collect();
    if in_header && blank_between {
        return 0..text.len();
    }
    if let Some(end) = starting_here.iter().map(|op| op.end as usize).max() {
        return next_range.start..end.max(next_range.end);
    }
    if in_header {
        return 0..text.len();
    }
    next_range
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_reasons() {
        let (_, names, reason) = parse_comment("-- schemagraph: allow drop-column, fk-cycle -- legacy", "--").unwrap();
        assert_eq!(names.iter().map(|n| n.1.as_str()).collect::<Vec<_>>(), vec!["drop-column", "fk-cycle"]);
        assert!(reason);
        let (_, names, reason) = parse_comment("    # schemagraph: allow compat", "#").unwrap();
        assert_eq!(names[0].1, "compat");
        assert!(!reason);
        assert!(parse_comment("-- just a comment", "--").is_none());
        let line = "// schemagraph: allow fk-cycle -- x";
        let (_, names, _) = parse_comment(line, "//").unwrap();
        assert_eq!(&line[names[0].0..names[0].0 + 8], "fk-cycle");
    }
}
