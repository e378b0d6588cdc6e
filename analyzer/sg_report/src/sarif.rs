//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it.
//!
//! Rule descriptors come from the registry; results point at files relative to
//! `%SRCROOT%` (the analyzed root) with 1-based lines and columns counted in code points
//! (`columnKind: unicodeCodePoints`); `partialFingerprints` use the engine's
//! line-independent fingerprint, so a finding keeps its identity when code moves.

use serde_json::{Value, json};
use sg_engine::{Analysis, FileTable, fingerprint};
use sg_model::{Severity, Span};
use sg_rules::{RULES, RuleMeta};

use crate::region;

const INFORMATION_URI: &str = "https://github.com/schemagraph/schemagraph";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// `fk-cycle` -> `FkCycle`, the descriptor's `name`.
fn pascal(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

/// The text of one `## Section` of a rule's docs, without its heading.
fn section(docs: &str, heading: &str) -> Option<String> {
    let start = docs.find(&format!("## {heading}\n"))? + heading.len() + 4;
    let rest = &docs[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    Some(rest[..end].trim().to_owned())
}

fn descriptor(meta: &RuleMeta) -> Value {
    let docs = meta.docs_text();
    let full = section(&docs, "What it does").unwrap_or_else(|| meta.summary().to_owned());
    let why = section(&docs, "Why is this bad?").unwrap_or_default();
    json!({
        "id": meta.name,
        "name": pascal(meta.name),
        "shortDescription": { "text": meta.summary() },
        "fullDescription": { "text": full },
        "help": {
            "text": format!("{}\n\n{why}\n\n{}", meta.summary(), meta.url()),
            "markdown": docs,
        },
        "helpUri": meta.url(),
        "defaultConfiguration": { "level": level(meta.default_severity) },
        "properties": {
            "tags": [meta.category.name()],
            "category": meta.category.name(),
        },
    })
}

fn location(files: &FileTable, span: Span) -> Value {
    let r = region(files, span);
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": files.path(span.file), "uriBaseId": "%SRCROOT%" },
            "region": {
                "startLine": r.line,
                "startColumn": r.column,
                "endLine": r.end_line,
                "endColumn": r.end_column,
            },
        },
    })
}

pub fn sarif(analysis: &Analysis) -> String {
    let files = &analysis.files;
    let rules: Vec<Value> = RULES.iter().map(|r| descriptor(r.meta)).collect();
    let results: Vec<Value> = analysis
        .diagnostics
        .iter()
        .map(|d| {
            let f = &d.finding;
            let index = RULES.iter().position(|r| r.meta.name == f.rule);
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": { "text": match &f.help {
                    Some(help) => format!("{}\n\nHelp: {help}", f.message),
                    None => f.message.clone(),
                } },
                "locations": [location(files, f.span)],
                "partialFingerprints": { "schemagraphFingerprint/v1": fingerprint(analysis, d) },
            });
            if let Some(i) = index {
                result["ruleIndex"] = json!(i);
            }
            if !f.related.is_empty() {
                result["relatedLocations"] = Value::Array(
                    f.related
                        .iter()
                        .enumerate()
                        .map(|(i, rel)| {
                            let mut loc = location(files, rel.span);
                            loc["id"] = json!(i + 1);
                            loc["message"] = json!({ "text": rel.message });
                            loc
                        })
                        .collect(),
                );
            }
            if let Some(fix) = &f.fix {
                let changes: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        let r = region(files, e.span);
                        json!({
                            "artifactLocation": { "uri": files.path(e.span.file), "uriBaseId": "%SRCROOT%" },
                            "replacements": [{
                                "deletedRegion": {
                                    "startLine": r.line,
                                    "startColumn": r.column,
                                    "endLine": r.end_line,
                                    "endColumn": r.end_column,
                                },
                                "insertedContent": { "text": e.replacement },
                            }],
                        })
                    })
                    .collect();
                result["fixes"] = json!([{ "description": { "text": fix.title }, "artifactChanges": changes }]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "schemagraph",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": rules,
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}
