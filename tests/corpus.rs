//! Corpus tests: the whole pipeline over every `corpus/<case>/` repository, compared with
//! the expected output stored in the case (`expected/analyze.snap`, `expected/schema.snap`,
//! and the same findings as SARIF and as GitHub annotations in `sarif.snap`, `github.snap`),
//! the findings each case's `CASE.md` promises, the proofs issue 2 asks for stated one by
//! one, and byte-identical output at any thread count.
//!
//! Bless new or changed expectations with
//! `INSTA_UPDATE=always cargo test -p schemagraph --test corpus`, then review the diff: the
//! findings must be exactly the ones the case's `CASE.md` promises.
//!
//! # The CASE.md format
//!
//! A `CASE.md` is prose for people plus two sections the tests read (`corpus/case_md.rs`):
//! `## Expected findings` (required, once) and `## Near misses` (optional, at most once;
//! wherever a rule is replay-aware, the case shows the statement it must let pass). A
//! section runs from its heading to the next line starting with `#`. In it, every line that
//! starts with `-` is a bullet and must parse; any other line (prose, the indented
//! continuation of a bullet) is free text. The grammar of a bullet:
//!
//! ```text
//! bullet   = "- None." | "- " place ": " rule { ", " rule } [ " — " reason ]
//! place    = "`" path "`" [ " line " N | " lines " N { ", " N } ]
//! rule     = "`" rule-name "`" [ " (" ( "note" | "warning" | "error" ) ")" ]
//! ```
//!
//! for example ``- `db/migrations/000004_add_tenant_owner.up.sql` line 3: `fk-cycle` (error)
//! — the key that closes the cycle``. The path is relative to the case: a file means the
//! findings located in that file; a directory (`.` for the whole case) means the findings
//! located anywhere under it, for findings about a stream rather than a statement, and takes
//! no line numbers. The path must exist and the rule names must be registered rules. A line
//! number is the line a finding starts on.
//!
//! - **Expected findings** are exact. `- None.` (alone) says the case has no findings.
//!   Otherwise every finding of `schemagraph analyze` must be claimed by a bullet that names
//!   its rule and its place (and its line, when the bullet gives lines), and every bullet
//!   must hold: each rule it names has a finding in its place, on each line it gives, and
//!   every such finding has the severity it gives.
//! - **Near misses** say why a rule must stay silent, so the reason after ` — ` is required
//!   and no severity is given. No finding of a rule a bullet names may be in its place (on
//!   the lines it gives, when it gives lines: a near miss can sit next to a finding of the
//!   same rule in the same migration).
//!
//! Every rule of the registry must be listed in some case's Expected findings and in some
//! case's Near misses, except those in `NOT_YET_COVERED` (none today). A parse error fails
//! the test with the case and the line.

mod support;

#[path = "corpus/case_md.rs"]
mod case_md;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use support::{bin, corpus_cases, corpus_dir, stderr, stdout};

const BLESS: &str = "INSTA_UPDATE=always cargo test -p schemagraph --test corpus";
const EXPECTED_FILES: [&str; 4] = ["analyze.snap", "schema.snap", "sarif.snap", "github.snap"];

fn case_name(case: &Path) -> String {
    case.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn case(name: &str) -> PathBuf {
    let dir = corpus_dir().join(name);
    assert!(dir.is_dir(), "corpus case `{name}` is missing");
    dir
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("corpus paths are UTF-8")
}

/// Runs `schemagraph <command> <case> --format json`, with `threads` rayon threads when
/// given, and returns its standard output. Any exit but 0 or 1 (findings) is a failure.
fn json_output(command: &str, case: &Path, threads: Option<usize>) -> String {
    output(command, "json", case, threads)
}

/// Runs `schemagraph <command> <case> --format <format>`.
fn output(command: &str, format: &str, case: &Path, threads: Option<usize>) -> String {
    let mut cmd = Command::new(bin());
    cmd.args([command, path_arg(case), "--format", format]).env("NO_COLOR", "1");
    if let Some(n) = threads {
        cmd.env("RAYON_NUM_THREADS", n.to_string());
    }
    let out = cmd.output().expect("run schemagraph");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "`schemagraph {command}` on {} exited with {:?}: {}",
        case.display(),
        out.status.code(),
        stderr(&out)
    );
    assert!(stderr(&out).is_empty(), "`schemagraph {command}` on {} wrote to stderr: {}", case.display(), stderr(&out));
    stdout(&out)
}

fn analyze(name: &str) -> Value {
    serde_json::from_str(&json_output("analyze", &case(name), None)).expect("analyze prints JSON")
}

fn schema(name: &str) -> Value {
    serde_json::from_str(&json_output("schema", &case(name), None)).expect("schema prints JSON")
}

/// The engine's own view of a case, for what the JSON does not show: migration order and
/// transactions.
fn engine(name: &str) -> sg_engine::Analysis {
    let root = case(name);
    let config = sg_engine::load_config(&root, None).expect("the case's configuration is valid");
    sg_engine::analyze(&sg_engine::DiskFs::new(root), &config)
}

fn findings<'a>(analysis: &'a Value, rule: &str) -> Vec<&'a Value> {
    analysis["findings"].as_array().expect("findings").iter().filter(|f| f["rule"] == rule).collect()
}

/// The rules that fired, in order, leaving out the locking and design rules, which fire on
/// most cases; their findings are pinned by the snapshots and proven by the `locking-*`
/// cases.
fn rules(analysis: &Value) -> Vec<&str> {
    analysis["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["category"].as_str().is_some_and(|c| c != "locking" && c != "design"))
        .filter_map(|f| f["rule"].as_str())
        .collect()
}

/// The rules of the findings in `categories`: each layout test asserts what it is about (the
/// history is read and runs), while the snapshots hold every finding, reviewed against the
/// case's CASE.md.
fn rules_in<'a>(analysis: &'a Value, categories: &[&str]) -> Vec<&'a str> {
    analysis["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["category"].as_str().is_some_and(|c| categories.contains(&c)))
        .filter_map(|f| f["rule"].as_str())
        .collect()
}

/// Extraction and integrity: what says whether the history was read and would run.
const HISTORY: &[&str] = &["extraction", "integrity"];

fn at(finding: &Value) -> (&str, u64, u64) {
    (
        finding["path"].as_str().unwrap_or(""),
        finding["line"].as_u64().unwrap_or(0),
        finding["column"].as_u64().unwrap_or(0),
    )
}

fn versions(stream: &sg_engine::Stream) -> Vec<&str> {
    stream.migrations.iter().map(|m| m.version.as_str()).collect()
}

fn stream<'a>(analysis: &'a sg_engine::Analysis, id: &str) -> &'a sg_engine::Stream {
    analysis.stream(id).unwrap_or_else(|| panic!("no stream `{id}`"))
}

fn table<'a>(schema: &'a Value, stream: usize, name: &str) -> &'a Value {
    schema["streams"][stream]["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("no table `{name}` in {schema}"))
}

fn column_names(table: &Value) -> Vec<&str> {
    table["columns"].as_array().expect("columns").iter().filter_map(|c| c["name"].as_str()).collect()
}

/// The SARIF log with the rule descriptors (the same in every log, and long) replaced by
/// their ids; `tests/sarif.rs` validates whole logs.
fn sarif_without_descriptors(text: &str) -> String {
    let mut log: Value = serde_json::from_str(text).expect("SARIF is JSON");
    let ids: Vec<Value> = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rule descriptors")
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    log["runs"][0]["tool"]["driver"]["rules"] = Value::Array(ids);
    serde_json::to_string_pretty(&log).expect("SARIF serializes") + "\n"
}

#[test]
fn every_case_matches_its_expected_output() {
    let blessing = matches!(std::env::var("INSTA_UPDATE").as_deref(), Ok("always" | "force"));
    let mut failed = Vec::new();
    for case in corpus_cases() {
        let name = case_name(&case);
        let expected = case.join("expected");
        let missing: Vec<&str> = EXPECTED_FILES.iter().copied().filter(|f| !expected.join(f).is_file()).collect();
        if !missing.is_empty() && !blessing {
            failed.push(format!("{name}: no expected output ({}); bless it with `{BLESS}`", missing.join(", ")));
            continue;
        }
        for (command, format) in [("analyze", "json"), ("schema", "json"), ("analyze", "sarif"), ("analyze", "github")]
        {
            let mut text = output(command, format, &case, None);
            let snapshot = if format == "json" { command } else { format };
            if format == "sarif" {
                text = sarif_without_descriptors(&text);
            }
            let output = text;
            let result = std::panic::catch_unwind(|| {
                insta::with_settings!({
                    snapshot_path => &expected,
                    prepend_module_to_snapshot => false,
                    omit_expression => true,
                    description => format!("schemagraph {command} corpus/{name} --format {format}"),
                }, {
                    insta::assert_snapshot!(snapshot, output);
                });
            });
            if result.is_err() {
                failed.push(format!("{name}: `{command} --format {format}` differs from expected/{snapshot}.snap"));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "corpus cases differ from their expected output:\n  {}\nIf the change is intended, bless with `{BLESS}` and review the diff against each CASE.md.",
        failed.join("\n  ")
    );
}

#[test]
fn every_case_says_what_it_exercises_and_keeps_no_stale_snapshots() {
    let cases = corpus_cases();
    assert!(!cases.is_empty(), "no corpus cases found in {}", corpus_dir().display());
    for case in cases {
        let name = case_name(&case);
        assert!(case.join("CASE.md").is_file(), "corpus/{name} needs a CASE.md saying what it exercises and expects");
        let Ok(entries) = std::fs::read_dir(case.join("expected")) else { continue };
        for entry in entries.filter_map(Result::ok) {
            let file = entry.file_name().to_string_lossy().into_owned();
            assert!(
                EXPECTED_FILES.contains(&file.as_str()),
                "corpus/{name}/expected/{file} is not an expected output: a `.snap.new` is a rejected or unreviewed snapshot; review it (`cargo insta review`) or delete it"
            );
        }
    }
}

/// Rules no corpus case covers yet, each with the reason. Keep it short: a rule leaves the
/// list as soon as a case fires it and another (or the same) case shows a near miss. It is
/// empty: every rule of the registry is covered; a new rule comes with its cases.
const NOT_YET_COVERED: &[(&str, &str)] = &[];

/// The `CASE.md` of `case`, or its parse errors as `corpus/<case>/CASE.md:<line>: ...`.
fn case_md(case: &Path) -> Result<case_md::CaseMd, Vec<String>> {
    let name = case_name(case);
    let text =
        std::fs::read_to_string(case.join("CASE.md")).map_err(|e| vec![format!("corpus/{name}/CASE.md: {e}")])?;
    case_md::parse(&text, &|rule| sg_rules::rule(rule).is_some()).map_err(|errors| {
        errors.into_iter().map(|(line, message)| format!("corpus/{name}/CASE.md:{line}: {message}")).collect()
    })
}

/// A finding as CASE.md bullets talk about it.
struct Found {
    rule: String,
    path: String,
    line: u64,
    severity: String,
}

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` ({}) at {} line {}", self.rule, self.severity, self.path, self.line)
    }
}

fn found(analysis: &Value) -> Vec<Found> {
    let text = |f: &Value, key: &str| f[key].as_str().unwrap_or_default().to_owned();
    analysis["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| Found {
            rule: text(f, "rule"),
            path: text(f, "path"),
            line: f["line"].as_u64().unwrap_or(0),
            severity: text(f, "severity"),
        })
        .collect()
}

/// Whether a bullet's place (a file, or a directory of `case`) holds `path`.
fn holds(case: &Path, place: &str, path: &str) -> bool {
    if case.join(place).is_dir() { place == "." || path.starts_with(&format!("{place}/")) } else { path == place }
}

/// The findings of `rule` that a bullet's place and lines hold.
fn at_bullet<'a>(case: &Path, b: &case_md::Bullet, rule: &str, all: &'a [Found]) -> Vec<&'a Found> {
    all.iter()
        .filter(|f| f.rule == rule && holds(case, &b.path, &f.path))
        .filter(|f| b.lines.is_empty() || b.lines.contains(&f.line))
        .collect()
}

/// Where a bullet's place is wrong in itself: it does not exist, or is a directory with lines.
fn place_error(case: &Path, b: &case_md::Bullet) -> Option<String> {
    let p = case.join(&b.path);
    if !p.exists() {
        Some(format!("`{}` does not exist in the case", b.path))
    } else if p.is_dir() && !b.lines.is_empty() {
        Some(format!("`{}` is a directory, which takes no line numbers", b.path))
    } else {
        None
    }
}

/// What is wrong between a case's CASE.md and its findings, one message each.
fn case_md_disagreements(case: &Path, md: &case_md::CaseMd, all: &[Found]) -> Vec<String> {
    let name = case_name(case);
    let at = |line: usize| format!("corpus/{name}/CASE.md:{line}");
    let mut out = Vec::new();
    if md.none && !all.is_empty() {
        out.push(format!("corpus/{name}/CASE.md: Expected findings says `- None.`, but the case has findings"));
    }
    for f in all {
        let claimed = md.expected.iter().any(|b| {
            b.rules.iter().any(|(r, _)| *r == f.rule)
                && holds(case, &b.path, &f.path)
                && (b.lines.is_empty() || b.lines.contains(&f.line))
        });
        if !claimed {
            out.push(format!("corpus/{name}/CASE.md: Expected findings does not list {f}"));
        }
    }
    for b in &md.expected {
        if let Some(e) = place_error(case, b) {
            out.push(format!("{}: {e}", at(b.at)));
            continue;
        }
        for (rule, severity) in &b.rules {
            let hits = at_bullet(case, b, rule, all);
            let lines: Vec<Option<u64>> =
                if b.lines.is_empty() { vec![None] } else { b.lines.iter().copied().map(Some).collect() };
            for line in lines {
                if !hits.iter().any(|f| line.is_none_or(|l| f.line == l)) {
                    let on = line.map(|l| format!(" line {l}")).unwrap_or_default();
                    out.push(format!("{}: `{rule}` does not fire in `{}`{on}", at(b.at), b.path));
                }
            }
            if let Some(severity) = severity {
                for f in hits.iter().filter(|f| &f.severity != severity) {
                    out.push(format!("{}: says `{rule}` is ({severity}), but {f}", at(b.at)));
                }
            }
        }
    }
    for b in &md.near_misses {
        if let Some(e) = place_error(case, b) {
            out.push(format!("{}: {e}", at(b.at)));
            continue;
        }
        for (rule, _) in &b.rules {
            for f in at_bullet(case, b, rule, all) {
                out.push(format!("{}: a near miss for `{rule}`, but {f}", at(b.at)));
            }
        }
    }
    out
}

#[test]
fn every_case_md_lists_exactly_its_findings_and_its_near_misses_stay_silent() {
    let mut problems = Vec::new();
    for case in corpus_cases() {
        match case_md(&case) {
            Err(errors) => problems.extend(errors),
            Ok(md) => problems.extend(case_md_disagreements(&case, &md, &found(&analyze(&case_name(&case))))),
        }
    }
    assert!(
        problems.is_empty(),
        "CASE.md files disagree with the findings (the format is in the module comment of tests/corpus.rs):\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn every_rule_fires_in_a_case_and_stays_silent_in_a_near_miss() {
    let mut fires: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut silent: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for case in corpus_cases() {
        let md = match case_md(&case) {
            Ok(md) => md,
            Err(errors) => {
                problems.extend(errors);
                continue;
            }
        };
        for (bullets, map) in [(&md.expected, &mut fires), (&md.near_misses, &mut silent)] {
            for (rule, _) in bullets.iter().flat_map(|b| &b.rules) {
                map.entry(rule.clone()).or_default().insert(case_name(&case));
            }
        }
    }
    for entry in sg_rules::RULES {
        let rule = entry.meta.name;
        let exempt = NOT_YET_COVERED.iter().any(|(r, _)| *r == rule);
        let (fired, missed) = (fires.contains_key(rule), silent.contains_key(rule));
        match (exempt, fired, missed) {
            (true, true, true) => problems.push(format!("`{rule}` is covered now: take it off NOT_YET_COVERED")),
            (false, false, _) => problems.push(format!("`{rule}` fires in no case's Expected findings")),
            (false, true, false) => problems.push(format!("`{rule}` has no case whose Near misses name it")),
            _ => {}
        }
    }
    for (rule, _) in NOT_YET_COVERED {
        if sg_rules::rule(rule).is_none() {
            problems.push(format!("NOT_YET_COVERED names `{rule}`, which is not a rule"));
        }
    }
    assert!(problems.is_empty(), "rule coverage of the corpus:\n  {}", problems.join("\n  "));
}

#[test]
fn output_is_byte_identical_at_any_thread_count() {
    for case in corpus_cases() {
        for command in ["analyze", "schema"] {
            let one = json_output(command, &case, Some(1));
            let four = json_output(command, &case, Some(4));
            assert!(one == four, "`{command}` on corpus/{} differs between 1 and 4 threads", case_name(&case));
        }
    }
}

// The proofs of issue 2, stated one by one rather than only through the snapshots.

#[test]
fn fk_cycle_across_three_files_is_reported_once_where_it_closes() {
    let a = analyze("golang-migrate-fk-cycle");
    assert_eq!(rules(&a).iter().filter(|r| **r == "fk-cycle").count(), 1, "{a}");
    assert!(rules_in(&a, HISTORY).is_empty(), "{a}");
    let f = findings(&a, "fk-cycle")[0];
    assert_eq!(at(f), ("db/migrations/000004_add_tenant_owner.up.sql", 3, 5));
    assert_eq!(f["severity"], "error");
    let related: Vec<(&str, u64, u64)> = f["related"].as_array().expect("related").iter().map(at).collect();
    assert_eq!(
        related,
        vec![
            ("db/migrations/000004_add_tenant_owner.up.sql", 3, 5),
            ("db/migrations/000003_create_users.up.sql", 3, 32),
            ("db/migrations/000002_create_accounts.up.sql", 3, 32),
        ]
    );
    assert_eq!(a["streams"][0]["layout"], "golang-migrate");
    assert_eq!(a["streams"][0]["head"], "000004");
}

#[test]
fn flyway_v10_runs_after_v2_and_repeatables_run_last() {
    let a = analyze("flyway");
    assert!(rules_in(&a, HISTORY).is_empty(), "{a}");
    assert_eq!(a["streams"][0]["layout"], "flyway");
    assert_eq!(a["streams"][0]["head"], "V10");
    let e = engine("flyway");
    let s = stream(&e, "src/main/resources/db/migration");
    assert_eq!(versions(s), vec!["V1", "V1_1", "V1.2", "V2", "V10", "R"]);
    // U files are the downs of the versioned migration with the same version.
    let undo = |v: &str| s.migrations.iter().find(|m| m.version == v).and_then(|m| m.down_file);
    assert_eq!(undo("V10").map(|f| e.files.path(f)), Some("src/main/resources/db/migration/U10__create_invoices.sql"));
    assert!(s.migrations.iter().filter(|m| m.version != "R").all(|m| m.down.is_some()));
}

#[test]
fn diesel_orders_both_version_formats_as_timestamps() {
    let a = analyze("diesel");
    assert!(rules_in(&a, HISTORY).is_empty(), "{a}");
    let e = engine("diesel");
    let s = stream(&e, "migrations");
    assert_eq!(s.info.layout.name(), "diesel");
    assert_eq!(
        versions(s),
        vec!["00000000000000", "2023-11-02-101500", "20240115093000", "2024-03-01-120000", "20240410070000"]
    );
    let transactional: Vec<bool> = s.migrations.iter().map(|m| m.transactional).collect();
    assert_eq!(transactional, vec![true, true, true, true, false], "metadata.toml opts the last one out");
}

#[test]
fn use_before_creation_is_an_ordering_error() {
    let a = analyze("use-before-creation");
    assert_eq!(rules_in(&a, HISTORY), vec!["reference-before-creation"], "{a}");
    let f = findings(&a, "reference-before-creation")[0];
    assert_eq!(at(f), ("migrations/000002_create_projects.up.sql", 6, 32));
    assert!(f["message"].as_str().is_some_and(|m| m.contains("`accounts`") && m.contains("000003_create_accounts")));
}

#[test]
fn duplicate_version_is_reported_at_the_second_migration() {
    let a = analyze("duplicate-version");
    assert_eq!(rules_in(&a, HISTORY), vec!["duplicate-version"], "{a}");
    let f = findings(&a, "duplicate-version")[0];
    assert_eq!(at(f), ("migrations/000003_add_project_archived_at.up.sql", 1, 1));
    assert_eq!(f["related"][0]["path"], "migrations/000003_add_invoice_status.up.sql");
}

#[test]
fn goose_function_body_stays_one_statement_and_no_transaction_is_honoured() {
    let a = analyze("goose");
    assert!(rules_in(&a, HISTORY).is_empty(), "{a}");
    let e = engine("goose");
    let s = stream(&e, "db/migrations");
    assert_eq!(s.info.layout.name(), "goose");
    let m = &s.migrations[1];
    let kinds: Vec<String> = m.up.iter().map(|op| format!("{:?}", op.kind)).collect();
    assert_eq!(m.up.len(), 2, "the function and the trigger: {kinds:?}");
    assert!(kinds[0].starts_with("CreateFunction"), "{kinds:?}");
    assert!(kinds[1].starts_with("CreateTrigger"), "{kinds:?}");
    let transactional: Vec<bool> = s.migrations.iter().map(|m| m.transactional).collect();
    assert_eq!(transactional, vec![true, true, false]);
}

#[test]
fn do_block_ddl_reaches_the_schema() {
    let a = analyze("do-block");
    assert_eq!(rules_in(&a, HISTORY), vec!["unsupported-construct"], "only the dynamic EXECUTE format(...)");
    assert_eq!(
        at(findings(&a, "unsupported-construct")[0]),
        ("migrations/000003_enable_row_level_security.up.sql", 11, 9)
    );
    let s = schema("do-block");
    let enums: Vec<(&str, Vec<&str>)> = s["streams"][0]["enums"]
        .as_array()
        .expect("enums")
        .iter()
        .map(|e| {
            let values = e["values"].as_array().expect("values").iter().filter_map(Value::as_str).collect();
            (e["name"].as_str().unwrap_or(""), values)
        })
        .collect();
    assert_eq!(
        enums,
        vec![
            ("invoice_status", vec!["draft", "open", "paid", "void"]),
            ("member_role", vec!["owner", "admin", "member"])
        ]
    );
    // Created by `EXECUTE '...'` with a literal.
    assert_eq!(column_names(table(&s, 0, "tenants")), vec!["id", "name"]);
    assert_eq!(table(&s, 0, "invoices")["columns"][2]["type"], "invoice_status");
}

#[test]
fn transaction_opt_outs_of_dbmate_and_sqlx() {
    let e = engine("dbmate");
    let s = stream(&e, "db/migrations");
    assert_eq!(s.info.layout.name(), "dbmate");
    assert_eq!(s.migrations.iter().map(|m| m.transactional).collect::<Vec<_>>(), vec![true, true, false]);
    assert!(s.migrations.iter().all(|m| m.down.as_ref().is_some_and(|d| !d.is_empty())));
    assert_eq!(e.streams.len(), 1, "db/schema.sql is a dump, not a stream");

    let e = engine("sqlx");
    let ids: Vec<&str> = e.streams.iter().map(|s| s.info.id.as_str()).collect();
    assert_eq!(ids, vec!["crates/billing/migrations", "migrations"]);
    assert!(e.streams.iter().all(|s| s.info.layout.name() == "sqlx"));
    let api = stream(&e, "migrations");
    assert_eq!(api.migrations.iter().map(|m| m.transactional).collect::<Vec<_>>(), vec![true, true, false]);
    let billing = stream(&e, "crates/billing/migrations");
    assert!(billing.migrations.iter().all(|m| m.down_file.is_some()));
}

#[test]
fn rust_projects_make_flyway_names_refinery() {
    let a = analyze("refinery");
    assert!(rules_in(&a, HISTORY).is_empty(), "{a}");
    assert_eq!(a["streams"][0]["layout"], "refinery");
    assert_eq!(a["streams"][0]["head"], "V11");
    assert_eq!(table(&schema("refinery"), 0, "audit_logs")["rls"], true);
}

#[test]
fn plain_numbered_files_in_a_migrations_like_directory() {
    let a = analyze("plain-numbered");
    // A self-reference is not a cycle; the renames of tables created earlier are reported.
    assert_eq!(rules_in(&a, &["compat"]), vec!["rename-table", "rename-column"], "{a}");
    assert!(rules(&a).iter().all(|r| *r != "fk-cycle"), "a self-reference is not a cycle: {a}");
    assert_eq!((&a["streams"][0]["id"], &a["streams"][0]["layout"]), (&Value::from("db/sql"), &Value::from("plain")));
    let s = schema("plain-numbered");
    let members = table(&s, 0, "tenant_members");
    assert_eq!(members["schema"], "app");
    assert_eq!(members["primary_key"], serde_json::json!(["tenant_id", "email"]));
}

#[test]
fn dialects_come_from_syntax_paths_and_configuration() {
    let dialect = |a: &Value, i: usize| (a["streams"][i]["dialect"].clone(), a["streams"][i]["dialect_source"].clone());
    let pair = |d: &str, s: &str| (Value::from(d), Value::from(s));

    let a = analyze("mysql");
    assert!(rules_in(&a, HISTORY).is_empty(), "{a}");
    assert_eq!(dialect(&a, 0), pair("mysql", "syntax"));
    let s = schema("mysql");
    assert_eq!(table(&s, 0, "users")["foreign_keys"], serde_json::json!([]), "MySQL ignores inline REFERENCES");
    assert_eq!(table(&s, 0, "projects")["columns"][3]["type"], "varchar(255)", "MODIFY widened the column");

    let a = analyze("sqlite");
    assert!(rules_in(&a, HISTORY).is_empty(), "{a}");
    assert_eq!(dialect(&a, 0), pair("sqlite", "syntax"));

    let a = analyze("multi-dialect");
    assert!(rules_in(&a, HISTORY).is_empty(), "{a}");
    let ids: Vec<&str> = a["streams"].as_array().expect("streams").iter().filter_map(|s| s["id"].as_str()).collect();
    assert_eq!(ids, vec!["migrations/mysql", "migrations/postgres", "migrations/sqlite"]);
    assert_eq!(dialect(&a, 0), pair("mysql", "path"));
    assert_eq!(dialect(&a, 1), pair("postgres", "path"));
    assert_eq!(dialect(&a, 2), pair("sqlite", "path"));
    let s = schema("multi-dialect");
    let fks = |i: usize| table(&s, i, "users")["foreign_keys"].as_array().map_or(0, Vec::len);
    assert_eq!((fks(0), fks(1), fks(2)), (0, 1, 1));

    let a = analyze("config-dialect");
    assert!(rules_in(&a, HISTORY).is_empty(), "{a}");
    assert_eq!(dialect(&a, 0), pair("mysql", "config"));
    assert_eq!(a["streams"][1]["id"], "local-cache");
    assert_eq!(dialect(&a, 1), pair("sqlite", "config"));
    let s = schema("config-dialect");
    let fk_names: Vec<&str> = table(&s, 0, "users")["foreign_keys"]
        .as_array()
        .expect("foreign keys")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert_eq!(fk_names, vec!["users_tenant_id_fk"]);
}

#[test]
fn unreadable_input_is_located_and_the_rest_is_analyzed() {
    let a = analyze("unreadable");
    let located: Vec<(&str, (&str, u64, u64))> = a["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| (f["rule"].as_str().unwrap_or(""), at(f)))
        .filter(|(rule, _)| rules(&a).contains(rule))
        .collect();
    assert_eq!(
        located,
        vec![
            ("unparsed-statement", ("migrations/000002_create_projects.up.sql", 8, 1)),
            ("unparsed-statement", ("migrations/000003_touch_updated_at.up.sql", 5, 55)),
            ("unreadable-file", ("migrations/000004_add_billing_contact.up.sql", 1, 17)),
        ]
    );
    assert_eq!(a["streams"][0]["migrations"], 4);
    let s = schema("unreadable");
    assert_eq!(column_names(table(&s, 0, "projects")), vec!["id", "tenant_id", "name", "updated_at"]);
    assert_eq!(column_names(table(&s, 0, "tenants")), vec!["id", "name", "billing_contact"]);
    assert_eq!(table(&s, 0, "projects")["indexes"][0]["name"], "projects_tenant_id_idx");
}

#[test]
fn goose_go_and_sql_migrations_are_one_stream_located_in_the_go_files() {
    let a = analyze("goose-go");
    assert_eq!(rules_in(&a, HISTORY), vec!["reference-before-creation", "unsupported-construct"], "{a}");
    let f = findings(&a, "reference-before-creation")[0];
    assert_eq!(at(f), ("db/migrations/00002_add_projects.go", 25, 33));
    assert_eq!(at(findings(&a, "unsupported-construct")[0]), ("db/migrations/00003_partition_projects.go", 24, 16));
    let e = engine("goose-go");
    assert_eq!(e.streams.len(), 1);
    let s = stream(&e, "db/migrations");
    assert_eq!(s.info.layout.name(), "goose");
    assert_eq!(versions(s), vec!["00001", "00002", "00003", "00004"]);
    let transactional: Vec<bool> = s.migrations.iter().map(|m| m.transactional).collect();
    assert_eq!(transactional, vec![true, true, false, true]);
    assert!(s.migrations[2].down.is_none(), "a nil down function is no down part");
    let helper_ops: Vec<&str> = s.migrations[2].up.iter().map(|op| e.files.path(op.span.file)).collect();
    assert_eq!(helper_ops[0], "db/migrations/helpers.go", "the package helper is followed: {helper_ops:?}");
}

#[test]
fn sqlc_reads_up_files_by_name_and_claims_its_schema_directory() {
    let a = analyze("sqlc-v2");
    let streams: Vec<(&str, &str, &str, u64)> = a["streams"]
        .as_array()
        .expect("streams")
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap_or(""),
                s["layout"].as_str().unwrap_or(""),
                s["dialect"].as_str().unwrap_or(""),
                s["migrations"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        streams,
        vec![("analytics/schema.sql", "sqlc", "sqlite", 1), ("db/migrations", "sqlc", "postgres", 3)],
        "two entries share db/migrations; down files are left out"
    );
    let e = engine("sqlc-v2");
    let s = stream(&e, "db/migrations");
    assert_eq!(versions(s), vec!["000001_authors.up", "000002_posts.up", "000003_tags.up"]);
    assert!(s.migrations.iter().all(|m| m.down.as_ref().is_some_and(|d| !d.is_empty())), "down files are down parts");
}

#[test]
fn sqlc_v1_keeps_flyway_undo_files_and_goose_downs_as_down_parts() {
    let e = engine("sqlc-v1-mixed");
    let ids: Vec<&str> = e.streams.iter().map(|s| s.info.id.as_str()).collect();
    assert_eq!(ids, vec!["db/migration", "reports"], "sqlc claims both directories");
    let store = stream(&e, "db/migration");
    assert_eq!(versions(store), vec!["V1__init", "V2__stock"]);
    assert!(store.migrations[0].down.is_none() && store.migrations[1].down.is_some());
    let reports = stream(&e, "reports");
    assert_eq!(reports.info.dialect.name(), "mysql");
    assert!(reports.migrations.iter().all(|m| m.down.as_ref().is_some_and(|d| d.len() == 1)));
}

#[test]
fn automigrate_creates_tables_in_gorm_order_with_gorm_names() {
    let e = engine("gorm-service");
    let s = stream(&e, ".");
    assert_eq!((s.info.layout.name(), s.info.dialect.name()), ("gorm", "postgres"));
    let created: Vec<String> = s.migrations[0]
        .up
        .iter()
        .filter_map(|op| match &op.kind {
            sg_model::OpKind::CreateTable(t) => Some(t.name.name.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(created, vec!["accounts", "roles", "users", "user_roles", "orders", "products", "order_lines"]);
    let schema = schema("gorm-service");
    let users = table(&schema, 0, "users");
    assert_eq!(
        column_names(users),
        vec!["id", "created_at", "updated_at", "deleted_at", "account_id", "email", "name", "manager_id"]
    );
    let fks: Vec<&str> =
        users["foreign_keys"].as_array().expect("fks").iter().filter_map(|f| f["name"].as_str()).collect();
    assert_eq!(fks, vec!["fk_users_account", "fk_users_manager"]);
    assert_eq!(column_names(table(&schema, 0, "user_roles")), vec!["user_id", "role_id"]);
}

#[test]
fn gorm_models_drift_from_the_sql_history_at_the_struct_fields() {
    let a = analyze("gorm-drift");
    let located: Vec<(&str, u64, u64)> = findings(&a, "model-migration-drift").into_iter().map(at).collect();
    assert_eq!(
        located,
        vec![
            ("db/migrations/000001_init.up.sql", 18, 1),
            ("models/models.go", 11, 2),
            ("models/models.go", 13, 2),
            ("models/models.go", 19, 2),
            // `Memo *string` can write NULL; `Currency string` (line 20) cannot, so its
            // NOT NULL column is no drift.
            ("models/models.go", 21, 2),
        ]
    );
}

#[test]
fn the_configuration_ties_models_to_a_stream_outside_their_module() {
    let a = analyze("gorm-drift-configured");
    let located: Vec<(&str, u64, u64)> = findings(&a, "model-migration-drift").into_iter().map(at).collect();
    assert_eq!(located, vec![("service/internal/store/models.go", 16, 2)]);
}

// The proofs of issue 7: Rust codebases.

#[test]
fn diesel_schema_rs_drift_is_reported_where_it_is_declared() {
    let a = analyze("diesel-schema-drift");
    let of_interest = |r: &&str| matches!(*r, "model-migration-drift" | "dangling-reference" | "down-does-not-restore");
    assert_eq!(rules(&a).into_iter().filter(of_interest).collect::<Vec<_>>(), vec!["model-migration-drift"; 4], "{a}");
    let drift = findings(&a, "model-migration-drift");
    let located: Vec<(&str, u64, u64)> = drift.iter().map(|f| at(f)).collect();
    assert_eq!(
        located,
        vec![
            ("migrations/2024-03-20-100000-0000_create_tags_and_jobs/up.sql", 1, 1),
            ("src/schema.rs", 10, 9),
            ("src/schema.rs", 21, 9),
            ("src/schema.rs", 35, 1),
        ]
    );
    assert_eq!(drift[2]["related"][0]["path"], "migrations/2024-02-10-120000_create_projects/up.sql");
    assert!(drift.iter().all(|f| !f["message"].as_str().unwrap_or("").contains("job_queue")), "filtered out");
    let e = engine("diesel-schema-drift");
    let s = stream(&e, "migrations");
    // diesel compares versions as text: diesel 2's `-0000` versions sort among diesel 1's.
    assert_eq!(
        versions(s),
        vec![
            "00000000000000",
            "2024-02-01-090000",
            "2024-02-10-120000",
            "2024-03-05-080000-0000",
            "2024-03-20-100000-0000",
            "2024-04-01-070000-0000"
        ]
    );
    assert_eq!(s.declared.len(), 1);
    assert_eq!(s.declared[0].source, "diesel's `src/schema.rs`");
}

#[test]
fn sqlx_migrate_names_a_directory_no_convention_finds() {
    let a = analyze("sqlx-migrate-path");
    assert!(rules(&a).is_empty(), "{a}");
    let s = &a["streams"][0];
    assert_eq!((&s["id"], &s["layout"]), (&Value::from("crates/ledger/store"), &Value::from("sqlx")));
    assert_eq!((&s["dialect"], &s["dialect_source"]), (&Value::from("sqlite"), &Value::from("tool")));
    assert_eq!(s["migrations"], 3);
    let schema = schema("sqlx-migrate-path");
    assert_eq!(
        column_names(table(&schema, 0, "entries")),
        vec!["id", "account_id", "amount_cents", "booked_on", "memo"]
    );
}

#[test]
fn refinery_rust_migrations_are_read_and_barrel_is_reported() {
    let a = analyze("refinery-rust-migrations");
    assert_eq!(findings(&a, "unsupported-construct").len(), 1, "{a}");
    assert!(findings(&a, "dangling-reference").is_empty() && findings(&a, "unparsed-statement").is_empty(), "{a}");
    assert_eq!(at(findings(&a, "unsupported-construct")[0]), ("db/sql/V4__archive.rs", 8, 5));
    let e = engine("refinery-rust-migrations");
    let s = stream(&e, "db/sql");
    assert_eq!(versions(s), vec!["V1", "V2", "V3", "V4", "V10"]);
    let opaque =
        |m: &sg_model::Migration| m.up.iter().filter(|op| matches!(op.kind, sg_model::OpKind::Opaque { .. })).count();
    assert_eq!(s.migrations.iter().map(opaque).collect::<Vec<_>>(), vec![0, 0, 0, 1, 0]);
    // V2's SQL is located in the `.rs` file it is written in.
    let v2 = &s.migrations[1];
    assert_eq!(e.files.path(v2.up[0].span.file), "db/sql/V2__create_events.rs");
    assert_eq!(e.files.line_col(v2.up[0].span.file, v2.up[0].span.start as usize).line, 4);
    let schema = schema("refinery-rust-migrations");
    let events = table(&schema, 0, "events");
    assert_eq!(column_names(events), vec!["id", "source_id", "kind", "payload", "recorded_at", "expires_at"]);
    assert_eq!(events["foreign_keys"][0]["references"]["table"], "sources");
}

#[test]
fn seaorm_runs_in_the_vector_order_with_iden_names_and_raw_sql() {
    let a = analyze("seaorm-migration-crate");
    let integrity = ["reference-before-creation", "dangling-reference", "unsupported-construct", "unparsed-statement"];
    assert!(
        integrity.iter().all(|r| findings(&a, r).is_empty()),
        "the vector's order creates the enum before its use, and every call is read: {a}"
    );
    let e = engine("seaorm-migration-crate");
    let s = stream(&e, "migration");
    assert_eq!(s.info.layout.name(), "seaorm");
    assert_eq!(
        versions(s),
        vec![
            "m20240101_000001_create_workspaces",
            "m20240110_000001_create_document_status",
            "m20240105_000001_create_documents",
            "m20240201_000001_document_search"
        ]
    );
    let schema = schema("seaorm-migration-crate");
    let document = table(&schema, 0, "document");
    assert_eq!(column_names(document), vec!["id", "workspace_id", "title", "status", "parent_id", "body", "search"]);
    let fk_targets: Vec<&str> = document["foreign_keys"]
        .as_array()
        .expect("fks")
        .iter()
        .filter_map(|f| f["references"]["table"].as_str())
        .collect();
    assert_eq!(fk_targets, vec!["document", "workspace"]);
    assert_eq!(column_names(table(&schema, 0, "document_revision")), vec!["id", "doc_id", "body", "saved_at"]);
    assert_eq!(schema["streams"][0]["enums"][0]["name"], "document_status");
    // The SQL of `include_str!` is located in the included file, which is no stream of its own.
    let included = s.migrations[3].up.iter().map(|op| e.files.path(op.span.file)).collect::<Vec<_>>();
    assert!(included.contains(&"migration/sql/touch_revision.sql"), "{included:?}");
    assert_eq!(e.streams.len(), 1);
}

// What analyzing real Rust projects taught, as small cases.

#[test]
fn create_table_as_select_columns_take_their_keys_without_drift() {
    let a = analyze("diesel-table-as-select");
    for rule in ["model-migration-drift", "dangling-reference", "fk-type-mismatch"] {
        assert!(findings(&a, rule).is_empty(), "no {rule}: {a}");
    }
    assert_eq!(findings(&a, "unsupported-construct").len(), 1, "the unknown types: {a}");
    let s = schema("diesel-table-as-select");
    let actions = table(&s, 0, "post_actions");
    assert_eq!(column_names(actions), vec!["person_id", "post_id", "liked_at", "saved_at", "vote_is_upvote"]);
    assert_eq!(actions["primary_key"], serde_json::json!(["person_id", "post_id"]));
    assert_eq!(actions["columns"][4]["type"], "boolean");
}

#[test]
fn seaorm_existence_guards_and_inner_helpers_are_read() {
    let a = analyze("seaorm-guarded-columns");
    assert_eq!(findings(&a, "down-does-not-restore").len(), 1, "{a}");
    assert!(findings(&a, "unsupported-construct").is_empty(), "the loop only writes rows: {a}");
    assert_eq!(
        at(findings(&a, "down-does-not-restore")[0]),
        ("migration/src/m20220101_000002_crate_metadata.rs", 58, 9)
    );
    let e = engine("seaorm-guarded-columns");
    let m = &stream(&e, "migration").migrations[1];
    assert!(m.up.iter().filter(|op| matches!(op.kind, sg_model::OpKind::AddColumn { .. })).all(|op| op.conditional));
    let changes = m.up.iter().filter(|op| matches!(op.kind, sg_model::OpKind::DataChange { .. })).count();
    assert_eq!(changes, 1, "the UPDATE in the helper's loop");
    let s = schema("seaorm-guarded-columns");
    assert_eq!(column_names(table(&s, 0, "krate")), vec!["id", "name", "description", "homepage"]);
}
