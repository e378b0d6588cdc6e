//! The analysis: discover, extract in parallel, order, replay, run rules, collect findings.

use std::collections::BTreeSet;
use std::sync::Arc;

use rayon::prelude::*;
use sg_extract_sql::{DialectEvidence, dialect_evidence};
use sg_model::migration::DeclaredSchema;
use sg_model::{Dialect, FileId, Finding, Migration, Replayer, Schema, Severity};
use sg_rules::{Category, HistoryEvent, OpContext, RULES, RuleEntry, Settings, StreamContext, StreamInfo};

use crate::config::Config;
use crate::ecosystem::discover;
use crate::files::{FileTable, Loader};
use crate::fs::SourceFs;
use crate::order::order_migrations;
use crate::plan::{StreamPlan, UnitCx};

/// How a stream's dialect was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialectSource {
    /// `schemagraph.toml`.
    Config,
    /// The tool's own configuration: sqlc's `engine`, Alembic's database URL.
    Tool,
    Path,
    Syntax,
    Default,
}

impl DialectSource {
    pub fn name(self) -> &'static str {
        match self {
            DialectSource::Config => "config",
            DialectSource::Tool => "tool",
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
    /// Declared state (GORM models, diesel's `schema.rs`) compared with `head`.
    pub declared: Vec<DeclaredSchema>,
}

impl Stream {
    /// The version the stream's history ends at: its last versioned migration. Flyway's
    /// repeatable migrations run after every versioned one but have no version, so a
    /// stream is "at V10", not "at R", after them.
    pub fn head_version(&self) -> Option<&str> {
        self.migrations.iter().rev().find(|m| !m.key.repeatable).map(|m| m.version.as_str())
    }

    /// The schema just before the migration at `index` (in replay order) runs.
    pub fn schema_before(&self, index: usize) -> Schema {
        let mut replayer = Replayer::new(self.info.dialect);
        let mut sink = Vec::new();
        for (i, m) in self.migrations.iter().take(index).enumerate() {
            replayer.begin_migration(i);
            for op in &m.up {
                replayer.apply(op, &mut sink);
            }
            sink.clear();
        }
        replayer.into_schema()
    }

    /// The schema after the migration whose version is `version` (and every one before
    /// it). `None` when no migration has that version.
    ///
    /// The version may be spelled as the file spells it (`V1_1`, `000003`), as the
    /// migration's label, or as the same numbers: `1.1` for `V1_1`, `3` for `000003`.
    pub fn schema_at(&self, version: &str) -> Option<Schema> {
        let exact = self.migrations.iter().rposition(|m| m.version == version || m.label() == version);
        let last = exact.or_else(|| self.migrations.iter().rposition(|m| same_numbers(&m.version, version)))?;
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

/// Whether two version spellings name the same sequence of numbers: an optional leading
/// `V`, then numbers separated by `.`, `_` or `-`, compared without leading zeros.
fn same_numbers(a: &str, b: &str) -> bool {
    fn numbers(v: &str) -> Option<Vec<&str>> {
        let v = v.strip_prefix(['V', 'v']).unwrap_or(v);
        v.split(['.', '_', '-'])
            .map(|n| (!n.is_empty() && n.bytes().all(|c| c.is_ascii_digit())).then(|| n.trim_start_matches('0')))
            .collect()
    }
    matches!((numbers(a), numbers(b)), (Some(x), Some(y)) if x == y)
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
    /// Shared with the language server's workspace, which reuses unchanged streams.
    pub streams: Vec<Arc<Stream>>,
    /// Sorted by path, position and rule.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn migration_count(&self) -> usize {
        self.streams.iter().map(|s| s.migrations.len()).sum()
    }

    pub fn stream(&self, id: &str) -> Option<&Stream> {
        self.streams.iter().find(|s| s.info.id == id).map(|s| &**s)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.finding.severity == severity).count()
    }
}

/// Analyzes the tree `fs` with `config`.
pub fn analyze(fs: &dyn SourceFs, config: &Config) -> Analysis {
    Workspace::new(fs, config.clone()).analysis
}

/// A stream as built, with what is needed to reuse it after an edit elsewhere.
struct Built {
    stream: Arc<Stream>,
    /// Findings of the stream's own extraction and rules, before configuration,
    /// suppressions and sorting, which apply across streams.
    findings: Vec<Finding>,
    /// Every file the stream was built from.
    files: BTreeSet<FileId>,
}

/// An analysis kept up to date as files change: the language server's view. An edit
/// rebuilds only the streams whose files changed (or whose set of files did); the others,
/// their replay and their findings are reused. File ids stay stable across updates, so
/// reused spans stay valid.
pub struct Workspace {
    config: Config,
    analysis: Analysis,
    built: Vec<Built>,
    file_findings: Vec<Finding>,
    rebuilt: Vec<String>,
}

impl Workspace {
    pub fn new(fs: &dyn SourceFs, config: Config) -> Workspace {
        let mut ws = Workspace {
            config,
            analysis: Analysis { files: FileTable::new(), streams: Vec::new(), diagnostics: Vec::new() },
            built: Vec::new(),
            file_findings: Vec::new(),
            rebuilt: Vec::new(),
        };
        ws.run(fs, &BTreeSet::new(), true);
        ws
    }

    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The ids of the streams the last update (or the first analysis) built.
    pub fn rebuilt(&self) -> &[String] {
        &self.rebuilt
    }

    /// Re-analyzes after the files at `changed` (paths relative to the root) changed in
    /// `fs`; files may also have appeared or gone.
    pub fn update(&mut self, fs: &dyn SourceFs, changed: &[String]) {
        let changed: BTreeSet<String> = changed.iter().cloned().collect();
        self.run(fs, &changed, false);
    }

    fn run(&mut self, fs: &dyn SourceFs, changed: &BTreeSet<String>, fresh: bool) {
        let config = &self.config;
        let ignored = config.ignore_matcher();
        let paths: Vec<String> =
            fs.walk().into_iter().filter(|p| !ignored.matched_path_or_any_parents(p, false).is_ignore()).collect();
        let mut loader = if fresh {
            Loader::new(fs)
        } else {
            let table = std::mem::take(&mut self.analysis.files);
            Loader::with_table(fs, table, std::mem::take(&mut self.file_findings))
        };
        for path in changed {
            loader.reload(path);
        }
        let plans = discover(&paths, config, &mut loader);
        // The sum file is loaded before the streams are built so every file id is fixed.
        let sum = paths.iter().any(|p| p == crate::lock::SUM_FILE).then(|| loader.load(crate::lock::SUM_FILE));
        let Loader { table: files, findings: file_findings, .. } = loader;

        let settings = config.settings();
        let selection = config.selection();
        let enabled: Vec<&'static RuleEntry> =
            RULES.iter().filter(|r| selection.get(r.meta.name).copied().flatten().is_some()).collect();
        let run = RuleRun { settings: &settings, rules: &enabled };
        let changed_ids: BTreeSet<FileId> = changed.iter().filter_map(|p| files.find(p)).collect();
        let previous = std::mem::take(&mut self.built);
        let built: Vec<(Built, bool)> = plans
            .into_par_iter()
            .map(|plan| {
                let sources = plan_files(&plan);
                let reusable = previous.iter().find(|b| {
                    !fresh && b.stream.info.id == plan.id && b.files == sources && b.files.is_disjoint(&changed_ids)
                });
                match reusable {
                    Some(b) => {
                        (Built { stream: b.stream.clone(), findings: b.findings.clone(), files: sources }, false)
                    }
                    None => {
                        let (stream, findings) = build_stream(plan, config, &files, &run);
                        (Built { stream: Arc::new(stream), findings, files: sources }, true)
                    }
                }
            })
            .collect();
        self.rebuilt = built.iter().filter(|(_, new)| *new).map(|(b, _)| b.stream.info.id.clone()).collect();
        self.built = built.into_iter().map(|(b, _)| b).collect();
        self.file_findings = file_findings.clone();

        let streams: Vec<Arc<Stream>> = self.built.iter().map(|b| b.stream.clone()).collect();
        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        for (index, b) in self.built.iter().enumerate() {
            diagnostics.extend(b.findings.iter().cloned().map(|f| diagnostic(f, Some(index))));
        }
        if let Some(sum) = sum {
            for (f, stream) in crate::lock::check(&files, &streams, sum) {
                diagnostics.push(diagnostic(f, stream));
            }
        }
        diagnostics.extend(file_findings.into_iter().map(|f| {
            let stream = stream_of_path(&streams, files.path(f.span.file));
            diagnostic(f, stream)
        }));
        // Severities come from the configuration; findings of rules that are off go.
        diagnostics.retain_mut(|d| match selection.get(d.finding.rule).copied().flatten() {
            Some(severity) => {
                d.finding.severity = severity;
                true
            }
            None => sg_rules::rule(d.finding.rule).is_none(),
        });
        let enabled = |rule: &str| selection.get(rule).copied().flatten();
        let stream_of = |path: &str| stream_of_path(&streams, path);
        crate::suppress::apply(&files, &streams, &mut diagnostics, &enabled, &stream_of);
        sort_and_dedup(&mut diagnostics, &files);
        self.analysis = Analysis { files, streams, diagnostics };
    }
}

/// Every file a plan reads: its units' and its declarations'.
fn plan_files(plan: &StreamPlan) -> BTreeSet<FileId> {
    let mut files: BTreeSet<FileId> = plan.units.iter().flat_map(|u| u.files()).collect();
    files.extend(plan.declared.iter().flat_map(|d| d.sources()));
    files
}

/// The stream whose directory holds `path` most closely.
fn stream_of_path(streams: &[Arc<Stream>], path: &str) -> Option<usize> {
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

/// Decides the stream's dialect: the stream's own `[[stream]]` entry, then the tool's
/// configuration, then the default in `schemagraph.toml`, then the path, then the syntax,
/// then PostgreSQL.
fn choose_dialect(plan: &StreamPlan, config: &Config, files: &FileTable) -> (Dialect, DialectSource) {
    let dir = if plan.dir.is_empty() { "." } else { plan.dir.as_str() };
    if let Some(d) = config.stream(dir).and_then(|s| s.dialect()) {
        return (d, DialectSource::Config);
    }
    if let Some(tool) = &plan.tool_dialect {
        return (tool.dialect, DialectSource::Tool);
    }
    if let Some(d) = config.default_dialect() {
        return (d, DialectSource::Config);
    }
    if let Some(d) = plan.dir.rsplit('/').find_map(Dialect::from_name) {
        return (d, DialectSource::Path);
    }
    let mut evidence = DialectEvidence::default();
    for unit in &plan.units {
        for id in unit.sources() {
            evidence.add(dialect_evidence(files.text(id)));
        }
    }
    match evidence.verdict() {
        Some(d) => (d, DialectSource::Syntax),
        None => (Dialect::Postgres, DialectSource::Default),
    }
}

/// The rules that run and what they are told.
struct RuleRun<'a> {
    settings: &'a Settings,
    rules: &'a [&'static RuleEntry],
}

fn build_stream(plan: StreamPlan, config: &Config, files: &FileTable, run: &RuleRun<'_>) -> (Stream, Vec<Finding>) {
    let (dialect, dialect_source) = choose_dialect(&plan, config, files);
    let python_types = config.python_types(dialect);
    let cx = UnitCx { files, dialect, layout: plan.layout, python_types: &python_types };
    let outputs: Vec<_> = plan.units.par_iter().map(|unit| unit.extract(&cx)).collect();
    let mut findings = Vec::new();
    let mut migrations = Vec::new();
    for out in outputs {
        findings.extend(out.findings);
        migrations.extend(out.migrations);
    }
    let mut declared = Vec::new();
    for unit in &plan.declared {
        let (schema, f) = unit.extract(&cx);
        findings.extend(f);
        declared.extend(schema);
    }
    let migrations = order_migrations(migrations, plan.order);
    let info = StreamInfo { id: plan.id, layout: plan.layout, dialect };
    let head = run_rules(&info, &migrations, &declared, files, run, &mut findings);
    (Stream { info, dialect_source, dir: plan.dir, migrations, head, declared }, findings)
}

/// Replays the stream's ups, running per-op rules on the way and per-stream rules at the
/// end; returns the schema at the head.
fn run_rules(
    info: &StreamInfo,
    migrations: &[Migration],
    declared: &[DeclaredSchema],
    files: &FileTable,
    run: &RuleRun<'_>,
    findings: &mut Vec<Finding>,
) -> Schema {
    let mut replayer = Replayer::new(info.dialect);
    let mut events: Vec<HistoryEvent> = Vec::new();
    let mut position = 0;
    let mut sink = Vec::new();
    for (mi, m) in migrations.iter().enumerate() {
        replayer.begin_migration(mi);
        let start = replayer.schema.clone();
        for (op_index, op) in m.up.iter().enumerate() {
            let cx = OpContext {
                stream: info,
                settings: run.settings,
                migrations,
                migration_index: mi,
                op_index,
                op,
                before: &replayer.schema,
                migration_start: &start,
                sources: files,
            };
            for r in run.rules {
                r.rule.check_op(&cx, findings);
            }
            replayer.apply(op, &mut sink);
            events.extend(sink.drain(..).map(|event| HistoryEvent { migration: mi, position, event }));
            position += 1;
        }
    }
    let head = replayer.into_schema();
    let cx = StreamContext { stream: info, settings: run.settings, migrations, head: &head, events: &events, declared };
    for r in run.rules {
        r.rule.check_stream(&cx, findings);
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::MemoryFs;

    #[test]
    fn versions_match_by_their_numbers() {
        assert!(same_numbers("V1_1", "1.1"));
        assert!(same_numbers("000003", "3"));
        assert!(same_numbers("V10", "v10"));
        assert!(!same_numbers("V1_1", "11"));
        assert!(!same_numbers("V1", "1.0.1"));
        assert!(!same_numbers("R", ""));
        assert!(!same_numbers("abc", "abc"));
    }

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
