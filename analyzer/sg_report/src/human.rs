//! `--format human`: findings with source snippets, rendered by miette.
//!
//! Colour is used only on a terminal and never when `NO_COLOR` is set; the caller decides
//! and passes it in, so the writer itself has no environment to read.

use std::fmt;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use sg_engine::{Analysis, FileTable};
use sg_model::{Severity, Span};

#[derive(Clone, Copy, Debug, Default)]
pub struct HumanOptions {
    pub color: bool,
    /// Terminal width for wrapping; `None` for miette's default.
    pub width: Option<usize>,
}

/// One finding as miette sees it: source, labels in that source, and related findings for
/// places in other files.
struct Report {
    message: String,
    code: String,
    url: String,
    severity: miette::Severity,
    help: Option<String>,
    source: NamedSource<String>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(&self.code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.url.is_empty()).then(|| Box::new(&self.url) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}

fn source_span(span: Span) -> SourceSpan {
    SourceSpan::new((span.start as usize).into(), span.len())
}

fn named_source(files: &FileTable, span: Span) -> NamedSource<String> {
    NamedSource::new(files.path(span.file), files.text(span.file).to_owned())
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Note => miette::Severity::Advice,
    }
}

pub fn human(analysis: &Analysis, options: HumanOptions) -> String {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let mut handler = GraphicalReportHandler::new_themed(theme).with_links(false);
    if let Some(width) = options.width {
        handler = handler.with_width(width);
    }
    let files = &analysis.files;
    let mut out = String::new();
    for d in &analysis.diagnostics {
        let f = &d.finding;
        let mut labels = vec![LabeledSpan::new_primary_with_span(None, source_span(f.span))];
        let mut related = Vec::new();
        for rel in &f.related {
            if rel.span.file == f.span.file {
                labels.push(LabeledSpan::new_with_span(Some(rel.message.clone()), source_span(rel.span)));
            } else {
                related.push(Report {
                    message: rel.message.clone(),
                    code: String::new(),
                    url: String::new(),
                    severity: miette::Severity::Advice,
                    help: None,
                    source: named_source(files, rel.span),
                    labels: vec![LabeledSpan::new_primary_with_span(None, source_span(rel.span))],
                    related: Vec::new(),
                });
            }
        }
        let report = Report {
            message: f.message.clone(),
            code: f.rule.to_owned(),
            url: sg_rules::docs_url(f.rule),
            severity: miette_severity(f.severity),
            help: f.help.clone(),
            source: named_source(files, f.span),
            labels,
            related,
        };
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&f.message);
        }
        out.push('\n');
    }
    out.push_str(&summary(analysis));
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The closing line: what was analyzed and what was found.
pub(crate) fn summary(analysis: &Analysis) -> String {
    let streams = analysis
        .streams
        .iter()
        .map(|s| {
            format!(
                "{} ({}, {}, {})",
                s.info.id,
                s.info.layout,
                s.info.dialect,
                plural(s.migrations.len(), "migration", "migrations")
            )
        })
        .collect::<Vec<_>>();
    let found = if analysis.diagnostics.is_empty() {
        "no findings".to_owned()
    } else {
        format!(
            "{}: {}, {}, {}",
            plural(analysis.diagnostics.len(), "finding", "findings"),
            plural(analysis.count(Severity::Error), "error", "errors"),
            plural(analysis.count(Severity::Warning), "warning", "warnings"),
            plural(analysis.count(Severity::Note), "note", "notes"),
        )
    };
    let analyzed = if streams.is_empty() {
        "no migration streams found".to_owned()
    } else {
        format!("{}: {}", plural(streams.len(), "stream", "streams"), streams.join("; "))
    };
    format!("schemagraph: {found} in {}, {analyzed}\n", plural(analysis.files.len(), "file", "files"))
}
