//! Conversions between the engine's values and LSP's: file URIs, UTF-16 positions,
//! diagnostics.
//!
//! Invariant: this module and its crate are the only places that know LSP; the engine
//! speaks byte offsets and relative paths.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position,
    Range, Uri,
};
use sg_engine::{Analysis, FileTable};
use sg_model::{Severity, Span};

/// Characters that stay as they are in a file URI's path.
fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
}

pub(crate) fn path_to_uri(path: &Path) -> Option<Uri> {
    let mut s = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if unreserved(b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&s).ok()
}

pub(crate) fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path` is not a local file; `file:///path` is.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = rest.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(PathBuf::from(String::from_utf8_lossy(&out).into_owned()))
}

pub(crate) fn position(files: &FileTable, file: sg_model::FileId, offset: usize) -> Position {
    let f = files.get(file);
    let (line, character) = f.line_index.line_col_utf16(&f.text, offset);
    Position { line, character }
}

pub(crate) fn range(files: &FileTable, span: Span) -> Range {
    Range { start: position(files, span.file, span.start as usize), end: position(files, span.file, span.end as usize) }
}

pub(crate) fn offset(files: &FileTable, file: sg_model::FileId, pos: Position) -> usize {
    let f = files.get(file);
    f.line_index.offset_utf16(&f.text, pos.line, pos.character)
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Note => DiagnosticSeverity::INFORMATION,
    }
}

/// The LSP diagnostic for one of the engine's, with related locations in any file.
pub(crate) fn diagnostic(root: &Path, analysis: &Analysis, d: &sg_engine::Diagnostic) -> Diagnostic {
    let files = &analysis.files;
    let f = &d.finding;
    let message = match &f.help {
        Some(help) => format!("{}\nhelp: {help}", f.message),
        None => f.message.clone(),
    };
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .filter_map(|r| {
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri: path_to_uri(&root.join(files.path(r.span.file)))?,
                    range: range(files, r.span),
                },
                message: r.message.clone(),
            })
        })
        .collect();
    Diagnostic {
        range: range(files, f.span),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.to_owned())),
        code_description: Uri::from_str(&sg_rules::docs_url(f.rule)).ok().map(|href| CodeDescription { href }),
        source: Some("schemagraph".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip_with_escapes() {
        let path = Path::new("/work/my repo/db/mig€.sql");
        let uri = path_to_uri(path).unwrap();
        assert_eq!(uri.as_str(), "file:///work/my%20repo/db/mig%E2%82%AC.sql");
        assert_eq!(uri_to_path(&uri).unwrap(), path);
    }
}
