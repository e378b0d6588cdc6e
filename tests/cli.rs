//! End-to-end tests of the command line: exit codes, formats, errors.

mod support;

use support::{fixture, run, stderr, stdout};

#[test]
fn clean_repository_exits_zero() {
    let dir = fixture(&[("migrations/000001_init.up.sql", "CREATE TABLE a (id bigint PRIMARY KEY);\n")]);
    let out = run(&["analyze", dir.arg()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("no findings"), "{}", stdout(&out));
}

#[test]
fn errors_exit_one_and_fail_on_never_exits_zero() {
    let dir = fixture(&[("migrations/000001_init.up.sql", "ALTER TABLE missing ADD COLUMN x int;\n")]);
    assert_eq!(run(&["analyze", dir.arg()]).status.code(), Some(1));
    assert_eq!(run(&["analyze", dir.arg(), "--fail-on", "never"]).status.code(), Some(0));
}

#[test]
fn notes_fail_only_when_asked() {
    let dir = fixture(&[("migrations/000001_init.up.sql", "CREATE TABLE a (id int,, b int);\n")]);
    assert_eq!(run(&["analyze", dir.arg()]).status.code(), Some(0));
    assert_eq!(run(&["analyze", dir.arg(), "--fail-on", "note"]).status.code(), Some(1));
}

#[test]
fn bad_usage_config_and_paths_exit_two() {
    assert_eq!(run(&["analyze", "--format", "yaml"]).status.code(), Some(2));
    assert_eq!(run(&["analyze", "/definitely/not/here"]).status.code(), Some(2));
    let dir = fixture(&[("schemagraph.toml", "[python.types]\n\"app.T\" = { postgress = \"uuid\" }\n")]);
    let out = run(&["analyze", dir.arg()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("postgress"), "{}", stderr(&out));
    let dir = fixture(&[("schemagraph.toml", "dialekt = \"mysql\"\n")]);
    let out = run(&["analyze", dir.arg()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("dialekt"), "{}", stderr(&out));
    assert!(stderr(&out).contains("schemagraph.toml"), "{}", stderr(&out));
}

#[test]
fn json_follows_the_contract() {
    let dir = fixture(&[
        ("db/migrations/000001_a.up.sql", "CREATE TABLE a (id bigint PRIMARY KEY, b_id bigint);\n"),
        ("db/migrations/000002_b.up.sql", "CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a);\n"),
        ("db/migrations/000003_ab.up.sql", "ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b;\n"),
    ]);
    let out = run(&["analyze", dir.arg(), "--format", "json", "--select", "fk-cycle"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["streams"][0]["id"], "db/migrations");
    assert_eq!(v["streams"][0]["layout"], "golang-migrate");
    assert_eq!(v["streams"][0]["dialect"], "postgres");
    assert_eq!(v["streams"][0]["migrations"], 3);
    assert_eq!(v["streams"][0]["head"], "000003");
    // The same statement also draws locking warnings; the cycle is the one error.
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "fk-cycle").expect("an fk-cycle finding");
    assert_eq!(f["category"], "graph");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["path"], "db/migrations/000003_ab.up.sql");
    assert_eq!((f["line"].as_u64(), f["column"].as_u64()), (Some(1), Some(15)));
    assert_eq!(f["related"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["summary"]["error"], 1);
    assert_eq!(v["summary"]["migrations"], 3);
}

#[test]
fn output_file_is_written() {
    let dir = fixture(&[("migrations/000001_init.up.sql", "CREATE TABLE a (id int);\n")]);
    let report = dir.path().join("report.json");
    let out = run(&["analyze", dir.arg(), "--format", "json", "--output", report.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).is_empty());
    assert!(std::fs::read_to_string(report).unwrap().contains("\"version\": 1"));
}

#[test]
fn schema_at_a_version_and_unknown_streams() {
    let dir = fixture(&[
        ("migrations/000001_a.up.sql", "CREATE TABLE a (id int);\n"),
        ("migrations/000002_b.up.sql", "CREATE TABLE b (id int);\n"),
    ]);
    let out = run(&["schema", dir.arg(), "--format", "json", "--at", "000001"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let tables: Vec<&str> =
        v["streams"][0]["tables"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(tables, vec!["a"]);
    assert_eq!(run(&["schema", dir.arg(), "--stream", "nope"]).status.code(), Some(2));
    assert_eq!(run(&["schema", dir.arg(), "--at", "000009"]).status.code(), Some(2));
}

#[test]
fn rules_and_explain() {
    let out = run(&["rules"]);
    assert!(stdout(&out).contains("fk-cycle"));
    let out = run(&["explain", "fk-cycle"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("## Why is this bad?"));
    assert_eq!(run(&["explain", "no-such-rule"]).status.code(), Some(2));
}

#[test]
fn mermaid_graph_is_an_er_diagram() {
    let dir = fixture(&[(
        "migrations/000001_a.up.sql",
        "CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int, a_id int NOT NULL REFERENCES a);\n",
    )]);
    let out = run(&["graph", dir.arg(), "--format", "mermaid"]);
    let text = stdout(&out);
    assert!(text.starts_with("erDiagram\n"), "{text}");
    assert!(text.contains("a ||--o{ b : \"a_id\""), "{text}");
    let out = run(&["graph", dir.arg(), "--format", "dot"]);
    assert!(stdout(&out).contains("\"b\" -> \"a\""), "{}", stdout(&out));
}

#[test]
fn select_and_ignore_filter_rules_and_reject_unknown_names() {
    let dir = fixture(&[("migrations/000001_init.up.sql", "ALTER TABLE missing ADD COLUMN x int;\n")]);
    assert_eq!(run(&["analyze", dir.arg(), "--ignore", "dangling-reference"]).status.code(), Some(0));
    assert_eq!(run(&["analyze", dir.arg(), "--select", "graph"]).status.code(), Some(0));
    assert_eq!(run(&["analyze", dir.arg(), "--select", "integrity"]).status.code(), Some(1));
    let out = run(&["analyze", dir.arg(), "--ignore", "no-such-rule"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-rule"), "{}", stderr(&out));
}

#[test]
fn a_baseline_hides_known_findings_but_not_new_ones() {
    let dir = fixture(&[("migrations/000001_init.up.sql", "ALTER TABLE missing ADD COLUMN x int;\n")]);
    let baseline = dir.path().join("baseline.json");
    let b = baseline.to_str().unwrap();
    assert_eq!(run(&["analyze", dir.arg(), "--write-baseline", b]).status.code(), Some(1));
    assert_eq!(run(&["analyze", dir.arg(), "--baseline", b]).status.code(), Some(0));
    // Lines move: the fingerprint does not depend on them.
    std::fs::write(
        dir.path().join("migrations/000001_init.up.sql"),
        "-- moved down a line\n\nALTER TABLE missing ADD COLUMN x int;\n",
    )
    .unwrap();
    assert_eq!(run(&["analyze", dir.arg(), "--baseline", b]).status.code(), Some(0));
    std::fs::write(dir.path().join("migrations/000002_more.up.sql"), "ALTER TABLE other ADD COLUMN y int;\n").unwrap();
    let out = run(&["analyze", dir.arg(), "--baseline", b, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["findings"][0]["path"], "migrations/000002_more.up.sql");
}

#[test]
fn lock_then_edit_reports_edited_migrations() {
    let dir = fixture(&[
        ("migrations/000001_a.up.sql", "CREATE TABLE a (id int);\n"),
        ("migrations/000003_c.up.sql", "CREATE TABLE c (id int);\n"),
    ]);
    assert_eq!(run(&["lock", dir.arg()]).status.code(), Some(0));
    assert_eq!(run(&["analyze", dir.arg()]).status.code(), Some(0));
    std::fs::write(dir.path().join("migrations/000001_a.up.sql"), "CREATE TABLE a (id bigint);\n").unwrap();
    std::fs::write(dir.path().join("migrations/000002_b.up.sql"), "CREATE TABLE b (id int);\n").unwrap();
    let out = run(&["analyze", dir.arg(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let messages: Vec<&str> =
        v["findings"].as_array().unwrap().iter().map(|f| f["message"].as_str().unwrap()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("`000001_a` was edited")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("`000002_b` is ordered before `000003_c`")), "{messages:?}");
    std::fs::remove_file(dir.path().join("migrations/000003_c.up.sql")).unwrap();
    let out = run(&["analyze", dir.arg(), "--format", "json"]);
    assert!(stdout(&out).contains("`000003_c` is recorded in schemagraph.sum but is gone"), "{}", stdout(&out));
}

/// The README's fenced block that starts with `first_line`, without the fences.
fn readme_block(first_line: &str) -> String {
    let readme = std::fs::read_to_string(support::workspace_root().join("README.md")).expect("README.md");
    let start = readme.find(first_line).unwrap_or_else(|| panic!("README.md has no block starting `{first_line}`"));
    let body = &readme[start..];
    body[..body.find("\n```").expect("the block ends")].to_owned()
}

/// The README shows real output: its example is what `schemagraph analyze .` prints on
/// `corpus/readme-example`, and its configuration example is a valid `schemagraph.toml`.
#[test]
fn readme_examples_are_true() {
    let shown = readme_block("$ schemagraph analyze .\n");
    let case = support::corpus_dir().join("readme-example");
    let out = std::process::Command::new(support::bin())
        .args(["analyze", "."])
        .current_dir(&case)
        .env("NO_COLOR", "1")
        .output()
        .expect("run schemagraph");
    let printed = format!("$ schemagraph analyze .\n{}", stdout(&out));
    assert_eq!(
        shown.trim_end(),
        printed.trim_end(),
        "README.md's example differs from the output on corpus/readme-example"
    );

    let config = readme_block("dialect = \"postgres\"");
    let dir = fixture(&[
        ("schemagraph.toml", config.as_str()),
        ("migrations/000001_init.up.sql", "CREATE TABLE plans (id bigint PRIMARY KEY);\n"),
    ]);
    let out = run(&["analyze", dir.arg()]);
    assert_eq!(out.status.code(), Some(0), "README.md's configuration example: {}", stderr(&out));
}
