//! The analysis: discover, extract in parallel, order, replay, run rules, collect findings.

use rayon::prelude::*;
use sg_extract_sql::{
    DialectEvidence, Extraction, dialect_evidence, diesel_run_in_transaction, extract_migration_file,
};
use sg_model::{Dialect, FileId, Finding, Layout, Migration, OffsetMap, Op, OpKind, Replayer, Schema, Severity, Span};
use sg_rules::{Category, HistoryEvent, OpContext, RULES, StreamContext, StreamInfo};

use crate::config::Config;
use crate::discover::{StreamPlan, UnitPlan, discover};
use crate::files::{FileTable, Loader};
use crate::fs::SourceFs;

/// How a stream's dialect was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialectSource {
    Config,
    Path,
    Syntax,
    Default,
}

impl DialectSource {
    pub fn name(self) -> &'static str {
        match self {
            DialectSource::Config => "config",
            DialectSource::Path => "path",
            DialectSource::Syntax => "syntax",
            DialectSource::Default => "default",
        }
    }
}

pub struct Stream {
    pub info: StreamInfo,
    pub dialect_source: DialectSource,
    /// The stream's directory, relative to the root.
    pub dir: String,
    /// In replay order.
    pub migrations: Vec<Migration>,
    pub head: Schema,
}

impl Stream {
    /// The version the stream's history ends at: its last versioned migration. Flyway's
    /// repeatable migrations run after every versioned one but have no version, so a
    /// stream is "at V10", not "at R", after them.
    pub fn head_version(&self) -> Option<&str> {
        self.migrations.iter().rev().find(|m| !m.key.repeatable).map(|m| m.version.as_str())
    }

    /// The schema after the migration whose version is `version` (and every one before
    /// it). `None` when no migration has that version.
    pub fn schema_at(&self, version: &str) -> Option<Schema> {
        let last = self.migrations.iter().rposition(|m| m.version == version || m.label() == version)?;
        let mut replayer = Replayer::new(self.info.dialect);
        let mut sink = Vec::new();
        for (i, m) in self.migrations[..=last].iter().enumerate() {
            replayer.begin_migration(i);
            for op in &m.up {
                replayer.apply(op, &mut sink);
            }
            sink.clear();
        }
        Some(replayer.into_schema())
    }
}

/// A finding with what the engine adds: its final severity, category and stream.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub finding: Finding,
    pub category: Category,
    /// Index into `Analysis::streams`.
    pub stream: Option<usize>,
}

pub struct Analysis {
    pub files: FileTable,
    pub streams: Vec<Stream>,
    /// Sorted by path, position and rule.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn migration_count(&self) -> usize {
        self.streams.iter().map(|s| s.migrations.len()).sum()
    }

    pub fn stream(&self, id: &str) -> Option<&Stream> {
        self.streams.iter().find(|s| s.info.id == id)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.finding.severity == severity).count()
    }
}

/// Analyzes the tree `fs` with `config`.
pub fn analyze(fs: &dyn SourceFs, config: &Config) -> Analysis {
    let ignored = config.ignore_matcher();
    let paths: Vec<String> =
        fs.walk().into_iter().filter(|p| !ignored.matched_path_or_any_parents(p, false).is_ignore()).collect();
    let mut loader = Loader::new(fs);
    let plans = discover(&paths, config, &mut loader);
    let Loader { table: files, findings: file_findings, .. } = loader;

    let streams: Vec<(Stream, Vec<Finding>)> =
        plans.into_par_iter().map(|plan| build_stream(plan, config, &files)).collect();

    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut out_streams = Vec::with_capacity(streams.len());
    for (index, (stream, findings)) in streams.into_iter().enumerate() {
        diagnostics.extend(findings.into_iter().map(|f| diagnostic(f, Some(index))));
        out_streams.push(stream);
    }
    diagnostics.extend(file_findings.into_iter().map(|f| {
        let stream = stream_of_path(&out_streams, files.path(f.span.file));
        diagnostic(f, stream)
    }));
    sort_and_dedup(&mut diagnostics, &files);
    Analysis { files, streams: out_streams, diagnostics }
}

/// The stream whose directory holds `path` most closely.
fn stream_of_path(streams: &[Stream], path: &str) -> Option<usize> {
    streams
        .iter()
        .enumerate()
        .filter(|(_, s)| s.dir.is_empty() || path.starts_with(&format!("{}/", s.dir)))
        .max_by_key(|(_, s)| s.dir.len())
        .map(|(i, _)| i)
}

fn diagnostic(mut finding: Finding, stream: Option<usize>) -> Diagnostic {
    let (severity, category) = match sg_rules::rule(finding.rule) {
        Some(r) => (r.meta.default_severity, r.meta.category),
        None => {
            debug_assert!(false, "finding of unregistered rule `{}`", finding.rule);
            (Severity::Warning, Category::Meta)
        }
    };
    finding.severity = severity;
    Diagnostic { finding, category, stream }
}

fn sort_and_dedup(diagnostics: &mut Vec<Diagnostic>, files: &FileTable) {
    diagnostics.sort_by(|a, b| {
        let fa = &a.finding;
        let fb = &b.finding;
        (files.path(fa.span.file), fa.span.start, fa.span.end, fa.rule, &fa.message).cmp(&(
            files.path(fb.span.file),
            fb.span.start,
            fb.span.end,
            fb.rule,
            &fb.message,
        ))
    });
    diagnostics.dedup_by(|a, b| a.finding == b.finding && a.stream == b.stream);
}

/// Decides the stream's dialect: configuration, then the path, then the syntax, then
/// PostgreSQL.
fn choose_dialect(plan: &StreamPlan, config: &Config, files: &FileTable) -> (Dialect, DialectSource) {
    let dir = if plan.dir.is_empty() { "." } else { plan.dir.as_str() };
    if let Some(d) = config.stream(dir).and_then(|s| s.dialect()) {
        return (d, DialectSource::Config);
    }
    if let Some(d) = config.default_dialect() {
        return (d, DialectSource::Config);
    }
    if let Some(d) = plan.dir.rsplit('/').find_map(Dialect::from_name) {
        return (d, DialectSource::Path);
    }
    let mut evidence = DialectEvidence::default();
    for unit in &plan.units {
        for id in [unit.up, unit.down].into_iter().flatten() {
            evidence.add(dialect_evidence(files.text(id)));
        }
    }
    match evidence.verdict() {
        Some(d) => (d, DialectSource::Syntax),
        None => (Dialect::Postgres, DialectSource::Default),
    }
}

fn build_stream(plan: StreamPlan, config: &Config, files: &FileTable) -> (Stream, Vec<Finding>) {
    let (dialect, dialect_source) = choose_dialect(&plan, config, files);
    let layout = plan.layout;
    let extracted: Vec<(Option<Migration>, Vec<Finding>)> =
        plan.units.par_iter().map(|unit| extract_unit(unit, layout, dialect, files)).collect();
    let mut findings = Vec::new();
    let mut migrations = Vec::new();
    for (m, f) in extracted {
        findings.extend(f);
        migrations.extend(m);
    }
    migrations.sort_by(|a, b| a.key.cmp(&b.key));
    let info = StreamInfo { id: plan.id, layout, dialect };
    let head = run_rules(&info, &migrations, &mut findings);
    (Stream { info, dialect_source, dir: plan.dir, migrations, head }, findings)
}

fn extract_unit(
    unit: &UnitPlan,
    layout: Layout,
    dialect: Dialect,
    files: &FileTable,
) -> (Option<Migration>, Vec<Finding>) {
    let mut findings = Vec::new();
    let Some(up_file) = unit.up else { return (None, findings) };
    let parse = |id: FileId| {
        let text = files.text(id);
        extract_migration_file(text, &OffsetMap::identity(id, text.len()), dialect, layout)
    };
    let up = parse(up_file);
    let mut transactional = up.transactional;
    let take = |e: Extraction, findings: &mut Vec<Finding>| -> Vec<Op> {
        findings.extend(e.findings);
        e.ops
    };
    let down = match unit.down {
        Some(id) => {
            let file = parse(id);
            let mut ops = take(file.up, &mut findings);
            if let Some(d) = file.down {
                ops.extend(take(d, &mut findings));
            }
            Some(ops)
        }
        None => up.down.map(|d| take(d, &mut findings)),
    };
    let up_ops = take(up.up, &mut findings);
    match layout {
        // golang-migrate sends the file as one multi-statement query, which PostgreSQL runs
        // in an implicit transaction; a single statement runs on its own.
        Layout::GolangMigrate => {
            transactional = up_ops.iter().filter(|op| !matches!(op.kind, OpKind::NoEffect { .. })).count() > 1
        }
        Layout::Sqlx => {
            transactional = !files.text(up_file).trim_start().starts_with("-- no-transaction");
        }
        Layout::Diesel => {
            if let Some(meta) = unit.metadata {
                transactional = diesel_run_in_transaction(files.text(meta)).unwrap_or(true);
            }
        }
        _ => {}
    }
    let migration = Migration {
        version: unit.name.version.clone(),
        name: unit.name.name.clone(),
        key: unit.name.key.clone(),
        parents: Vec::new(),
        depends_on: Vec::new(),
        up: up_ops,
        down,
        transactional,
        file: up_file,
        down_file: unit.down,
        span: Span::file_start(up_file),
    };
    (Some(migration), findings)
}

/// Replays the stream's ups, running per-op rules on the way and per-stream rules at the
/// end; returns the schema at the head.
fn run_rules(info: &StreamInfo, migrations: &[Migration], findings: &mut Vec<Finding>) -> Schema {
    let mut replayer = Replayer::new(info.dialect);
    let mut events: Vec<HistoryEvent> = Vec::new();
    let mut position = 0;
    let mut sink = Vec::new();
    for (mi, m) in migrations.iter().enumerate() {
        replayer.begin_migration(mi);
        let start = replayer.schema.clone();
        for op in &m.up {
            let cx = OpContext {
                stream: info,
                migrations,
                migration_index: mi,
                op,
                before: &replayer.schema,
                migration_start: &start,
            };
            for r in RULES {
                r.rule.check_op(&cx, findings);
            }
            replayer.apply(op, &mut sink);
            events.extend(sink.drain(..).map(|event| HistoryEvent { migration: mi, position, event }));
            position += 1;
        }
    }
    let head = replayer.into_schema();
    let cx = StreamContext { stream: info, migrations, head: &head, events: &events };
    for r in RULES {
        r.rule.check_stream(&cx, findings);
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::MemoryFs;

    #[test]
    fn flyway_head_is_the_last_versioned_migration() {
        let fs = MemoryFs::new()
            .with("db/migration/V2__b.sql", "CREATE TABLE b (id int);\n")
            .with("db/migration/V10__c.sql", "CREATE TABLE c (id int);\n")
            .with("db/migration/R__views.sql", "CREATE VIEW v AS SELECT id FROM c;\n");
        let analysis = analyze(&fs, &Config::default());
        let stream = &analysis.streams[0];
        assert_eq!(stream.migrations.last().map(|m| m.version.as_str()), Some("R"));
        assert_eq!(stream.head_version(), Some("V10"));
    }
}
