//! Baselines and fingerprints: how a team adopts schemagraph on an old repository.
//!
//! A finding's fingerprint is a hash of its rule, its stream and the object it is about
//! (`table:public.orders`), never its line, so it survives edits that move code around.
//! `--write-baseline FILE` records today's fingerprints; `--baseline FILE` then hides the
//! findings they match, once per recorded occurrence, so only new findings remain.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::analysis::{Analysis, Diagnostic};

/// The fingerprint of a finding: stable across line moves.
pub fn fingerprint(analysis: &Analysis, d: &Diagnostic) -> String {
    let f = &d.finding;
    let stream = d.stream.map(|i| analysis.streams[i].info.id.as_str()).unwrap_or("");
    let mut hasher = Sha256::new();
    for part in [f.rule, stream] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    if f.object.is_empty() {
        // Without an object, the file and the message identify the finding.
        hasher.update(analysis.files.path(f.span.file).as_bytes());
        hasher.update([0]);
        hasher.update(f.message.as_bytes());
    } else {
        hasher.update(f.object.as_bytes());
    }
    hasher.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect()
}

#[derive(Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    rule: String,
    stream: Option<String>,
    path: String,
    message: String,
}

/// The baseline file for the analysis's current findings.
pub fn write_baseline(analysis: &Analysis) -> String {
    let mut findings: Vec<Entry> = analysis
        .diagnostics
        .iter()
        .map(|d| Entry {
            fingerprint: fingerprint(analysis, d),
            rule: d.finding.rule.to_owned(),
            stream: d.stream.map(|i| analysis.streams[i].info.id.clone()),
            path: analysis.files.path(d.finding.span.file).to_owned(),
            message: d.finding.message.clone(),
        })
        .collect();
    findings.sort_by(|a, b| (&a.path, &a.rule, &a.fingerprint).cmp(&(&b.path, &b.rule, &b.fingerprint)));
    let mut s = serde_json::to_string_pretty(&BaselineFile { version: 1, findings }).unwrap_or_default();
    s.push('\n');
    s
}

/// Removes the findings the baseline records; returns how many were removed.
pub fn apply_baseline(analysis: &mut Analysis, baseline: &str) -> Result<usize, String> {
    let file: BaselineFile = serde_json::from_str(baseline).map_err(|e| format!("not a schemagraph baseline: {e}"))?;
    if file.version != 1 {
        return Err(format!("baseline version {} is not supported", file.version));
    }
    let mut remaining: BTreeMap<String, usize> = BTreeMap::new();
    for e in file.findings {
        *remaining.entry(e.fingerprint).or_default() += 1;
    }
    let prints: Vec<String> = analysis.diagnostics.iter().map(|d| fingerprint(analysis, d)).collect();
    let before = analysis.diagnostics.len();
    let mut keep = prints.iter().map(|p| match remaining.get_mut(p) {
        Some(n) if *n > 0 => {
            *n -= 1;
            false
        }
        _ => true,
    });
    analysis.diagnostics.retain(|_| keep.next().unwrap_or(true));
    Ok(before - analysis.diagnostics.len())
}
