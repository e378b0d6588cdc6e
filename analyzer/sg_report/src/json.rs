//! `--format json`: the stable machine-readable contract of DESIGN.md. Fields may be added,
//! never removed or renamed.

use serde::Serialize;
use sg_engine::Analysis;
use sg_model::Severity;

use crate::region;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    streams: Vec<StreamOut<'a>>,
    findings: Vec<FindingOut<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct StreamOut<'a> {
    id: &'a str,
    layout: &'a str,
    dialect: &'a str,
    dialect_source: &'a str,
    migrations: usize,
    head: Option<&'a str>,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    rule: &'a str,
    category: &'a str,
    severity: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    stream: Option<&'a str>,
    path: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    related: Vec<RelatedOut<'a>>,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    path: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    migrations: usize,
    findings: usize,
    error: usize,
    warning: usize,
    note: usize,
}

pub fn json(analysis: &Analysis) -> String {
    let files = &analysis.files;
    let out = Output {
        version: 1,
        streams: analysis
            .streams
            .iter()
            .map(|s| StreamOut {
                id: &s.info.id,
                layout: s.info.layout.name(),
                dialect: s.info.dialect.name(),
                dialect_source: s.dialect_source.name(),
                migrations: s.migrations.len(),
                head: s.head_version(),
            })
            .collect(),
        findings: analysis
            .diagnostics
            .iter()
            .map(|d| {
                let f = &d.finding;
                let r = region(files, f.span);
                FindingOut {
                    rule: f.rule,
                    category: d.category.name(),
                    severity: f.severity.name(),
                    message: &f.message,
                    help: f.help.as_deref(),
                    stream: d.stream.map(|i| analysis.streams[i].info.id.as_str()),
                    path: files.path(f.span.file),
                    line: r.line,
                    column: r.column,
                    end_line: r.end_line,
                    end_column: r.end_column,
                    related: f
                        .related
                        .iter()
                        .map(|rel| {
                            let r = region(files, rel.span);
                            RelatedOut {
                                path: files.path(rel.span.file),
                                line: r.line,
                                column: r.column,
                                end_line: r.end_line,
                                end_column: r.end_column,
                                message: &rel.message,
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
        summary: Summary {
            files: analysis.files.len(),
            migrations: analysis.migration_count(),
            findings: analysis.diagnostics.len(),
            error: analysis.count(Severity::Error),
            warning: analysis.count(Severity::Warning),
            note: analysis.count(Severity::Note),
        },
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
    s.push('\n');
    s
}
