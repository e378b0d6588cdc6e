//! `schemagraph.sum`: checksums of every migration, per stream, and the check against them.
//!
//! ```text
//! # schemagraph.sum: written by `schemagraph lock`; do not edit.
//! stream db/migrations
//! 000001_accounts <sha256 of its files> <running sha256 of the stream so far>
//! ```
//!
//! A migration's checksum covers the path and bytes of each of its files (up and down);
//! the running checksum chains them, so any edit, removal or reordering changes every later
//! line, as Atlas's `atlas.sum` does.

use std::collections::BTreeMap;
use std::sync::Arc;

use sg_model::finding::builtin::EDITED_MIGRATION;
use sg_model::{FileId, Finding, Migration, Span};
use sha2::{Digest, Sha256};

use crate::analysis::Stream;
use crate::files::FileTable;

pub const SUM_FILE: &str = "schemagraph.sum";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The checksum of a migration's files.
pub(crate) fn migration_checksum(files: &FileTable, m: &Migration) -> String {
    let mut hasher = Sha256::new();
    for id in std::iter::once(m.file).chain(m.down_file) {
        hasher.update(files.path(id).as_bytes());
        hasher.update([0]);
        hasher.update(files.text(id).as_bytes());
        hasher.update([0]);
    }
    hex(&hasher.finalize())
}

fn running(previous: &str, checksum: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(previous.as_bytes());
    hasher.update(checksum.as_bytes());
    hex(&hasher.finalize())
}

/// The contents of `schemagraph.sum` for these streams.
pub fn sum_file(files: &FileTable, streams: &[Arc<Stream>]) -> String {
    let mut out = String::from("# schemagraph.sum: written by `schemagraph lock`; do not edit.\n");
    for s in streams {
        out.push_str(&format!("stream {}\n", s.info.id));
        let mut chain = String::new();
        for m in &s.migrations {
            let sum = migration_checksum(files, m);
            chain = running(&chain, &sum);
            out.push_str(&format!("{} {sum} {chain}\n", m.label()));
        }
    }
    out
}

struct Recorded {
    label: String,
    checksum: String,
    /// The line in the sum file.
    span: Span,
}

fn parse(file: FileId, text: &str) -> BTreeMap<String, (Span, Vec<Recorded>)> {
    let mut streams: BTreeMap<String, (Span, Vec<Recorded>)> = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end();
        let span = Span::new(file, start, start + content.len());
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some(id) = content.strip_prefix("stream ") {
            current = Some(id.trim().to_owned());
            streams.entry(id.trim().to_owned()).or_insert((span, Vec::new()));
            continue;
        }
        let mut parts = content.split_whitespace();
        if let (Some(label), Some(checksum), Some(_), Some(stream)) =
            (parts.next(), parts.next(), parts.next(), &current)
            && let Some((_, list)) = streams.get_mut(stream)
        {
            list.push(Recorded { label: label.to_owned(), checksum: checksum.to_owned(), span });
        }
    }
    streams
}

/// Compares the streams with what `schemagraph.sum` recorded. Each finding comes with the
/// index of the stream it concerns.
pub(crate) fn check(files: &FileTable, streams: &[Arc<Stream>], sum: FileId) -> Vec<(Finding, Option<usize>)> {
    let mut out = Vec::new();
    let recorded = parse(sum, files.text(sum));
    let help_edit = "put the recorded content back and make the change in a new migration; if the edit is deliberate, run `schemagraph lock` and commit schemagraph.sum with it";
    for (stream_id, (stream_span, list)) in &recorded {
        let Some(index) = streams.iter().position(|s| &s.info.id == stream_id) else {
            out.push((
                Finding::new(
                    EDITED_MIGRATION,
                    *stream_span,
                    format!("Stream `{stream_id}` is recorded in schemagraph.sum but no longer exists"),
                )
                .with_help("if the stream moved, run `schemagraph lock` to record it under its new id")
                .with_object(format!("sum:stream:{stream_id}")),
                None,
            ));
            continue;
        };
        let stream = &streams[index];
        let mut last_recorded_position = None;
        for r in list {
            match stream.migrations.iter().position(|m| m.label() == r.label) {
                None => out.push((
                    Finding::new(
                        EDITED_MIGRATION,
                        r.span,
                        format!("Migration `{}` is recorded in schemagraph.sum but is gone from `{stream_id}`", r.label),
                    )
                    .with_help("databases that ran it keep its changes; restore the file, or record the removal with `schemagraph lock` if it never ran anywhere")
                    .with_object(format!("sum:{stream_id}:{}", r.label)),
                    Some(index),
                )),
                Some(position) => {
                    last_recorded_position = last_recorded_position.max(Some(position));
                    let m = &stream.migrations[position];
                    if migration_checksum(files, m) != r.checksum {
                        out.push((
                            Finding::new(
                                EDITED_MIGRATION,
                                m.span,
                                format!("Migration `{}` was edited after it was recorded in schemagraph.sum", r.label),
                            )
                            .with_related(r.span, "its recorded checksum")
                            .with_help(help_edit)
                            .with_object(format!("sum:{stream_id}:{}", r.label)),
                            Some(index),
                        ));
                    }
                }
            }
        }
        let Some(last) = last_recorded_position else { continue };
        let last_label = stream.migrations[last].label();
        for (position, m) in stream.migrations.iter().enumerate().take(last) {
            if list.iter().any(|r| r.label == m.label()) {
                continue;
            }
            out.push((
                Finding::new(
                    EDITED_MIGRATION,
                    m.span,
                    format!("New migration `{}` is ordered before `{last_label}`, which is already recorded", m.label()),
                )
                .with_help(format!(
                    "databases that ran `{last_label}` will skip or refuse this migration; give it a version after `{last_label}`"
                ))
                .with_object(format!("sum:{stream_id}:{}:{position}", m.label())),
                Some(index),
            ));
        }
    }
    out
}
