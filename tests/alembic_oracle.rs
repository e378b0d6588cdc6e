//! The Alembic oracle: the schema schemagraph replays from Python revision files must be
//! the schema of the SQL Alembic itself would run for them.
//!
//! For every environment of every corpus case with an `alembic.ini`, the test runs
//! Alembic's offline mode (`alembic -n SECTION upgrade heads --sql`, from the project-local
//! `.venv` that `cargo xtask setup` creates) against a dummy `postgresql://` URL, which
//! needs no database. It then analyzes that SQL with schemagraph as a plain SQL stream and
//! compares its tables and enums with `schemagraph schema --format json` of the Python
//! revisions: they must be equal. Alembic's own `alembic_version` table is left out.
//!
//! Offline SQL wraps the migrations in BEGIN/COMMIT and runs `autocommit_block()` contents
//! between a COMMIT and a BEGIN; as a SQL stream that changes nothing about the schema,
//! so the comparison needs no special case for it.
//!
//! An environment whose `sqlalchemy.url` is SQLite runs online instead, on a file in a
//! copy of the case: Alembic cannot write a SQLite batch offline, since it must read the
//! table it copies. The DDL SQLite then holds (`sqlite_master`) is analyzed as a SQLite SQL
//! stream and compared the same way. Only the test runs the revisions; schemagraph never
//! does.
//!
//! A case whose history Alembic refuses to load is listed in `ALEMBIC_REFUSES` with the
//! message Alembic gives; the test checks that Alembic does refuse it.

#![expect(clippy::print_stderr, reason = "the oracle reports what it compared")]

mod support;

use serde_json::Value;
use support::alembic::{ALEMBIC_REFUSES, OfflineProject};
use support::{TempDir, corpus_cases, run, stderr, stdout};

/// `schemagraph schema PATH --format json`, parsed.
fn schema(path: &str) -> Value {
    let out = run(&["schema", path, "--format", "json"]);
    assert!(out.status.success(), "schemagraph schema {path} failed: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("schema JSON")
}

/// The parts of a stream the comparison covers: tables (without `alembic_version`) and
/// enums.
fn comparable(stream: &Value) -> Value {
    let tables: Vec<Value> = stream["tables"]
        .as_array()
        .map(|ts| ts.iter().filter(|t| t["name"] != "alembic_version").cloned().collect())
        .unwrap_or_default();
    serde_json::json!({ "tables": tables, "enums": stream["enums"] })
}

/// The schema schemagraph reads from `sql` as the one migration of a `dialect` stream.
fn sql_stream_schema(sql: &str, dialect: &str) -> Value {
    let repo = TempDir::new();
    std::fs::create_dir_all(repo.path().join("migrations")).expect("create directory");
    std::fs::write(repo.path().join("migrations/000001_alembic.up.sql"), sql).expect("write the SQL");
    std::fs::write(repo.path().join("schemagraph.toml"), format!("dialect = \"{dialect}\"\n")).expect("write config");
    schema(repo.arg())
}

/// Compares the stream of `ours` that `env` names with the one stream of `theirs`;
/// returns the number of tables compared, or the failure.
fn compare(
    ours: &Value,
    env: &support::alembic::Environment,
    theirs: &Value,
    label: &str,
    sql: &str,
) -> Result<usize, String> {
    let Some(our_stream) = ours["streams"].as_array().and_then(|s| s.iter().find(|s| s["id"] == env.stream.as_str()))
    else {
        return Err(format!("{label}: schemagraph found no stream `{}`", env.stream));
    };
    let (a, b) = (comparable(our_stream), comparable(&theirs["streams"][0]));
    if a != b {
        return Err(format!(
            "{label}: the replayed schema differs from Alembic's SQL\n--- schemagraph (Python)\n{}\n--- Alembic's SQL\n{}\n--- the SQL\n{sql}",
            serde_json::to_string_pretty(&a).unwrap_or_default(),
            serde_json::to_string_pretty(&b).unwrap_or_default(),
        ));
    }
    Ok(a["tables"].as_array().map_or(0, Vec::len))
}

#[test]
fn replayed_schema_matches_alembic_offline_sql() {
    let mut failures = Vec::new();
    let (mut compared, mut sqlite, mut refused, mut tables) = (0, 0, 0, 0);
    for case in corpus_cases() {
        let Some(project) = OfflineProject::new(&case) else { continue };
        let name = case.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_owned();
        let ours = schema(case.to_str().expect("UTF-8 path"));
        assert!(!project.environments.is_empty(), "{name}: alembic.ini declares no environment");
        for env in &project.environments {
            let label = format!("{name} [{}]", env.section);
            if env.sqlite {
                match project.sqlite_schema_after_upgrade(&env.section) {
                    Ok(sql) => {
                        let theirs = sql_stream_schema(&sql, "sqlite");
                        match compare(&ours, env, &theirs, &label, &sql) {
                            Ok(n) => tables += n,
                            Err(f) => failures.push(f),
                        }
                        sqlite += 1;
                    }
                    Err(e) => failures.push(format!("{label}: {e}")),
                }
                continue;
            }
            let out = project.offline(&env.section, &["upgrade", "heads"]);
            if let Some((_, marker)) = ALEMBIC_REFUSES.iter().find(|(c, _)| *c == name) {
                // A crash while loading the scripts goes to stderr as a traceback; an error
                // Alembic reports itself ("FAILED: ...") goes to stdout with the SQL.
                let err = format!("{}{}", stderr(&out), stdout(&out));
                if out.status.success() || !err.contains(marker) {
                    failures
                        .push(format!("{label}: Alembic was expected to refuse this history with `{marker}`:\n{err}"));
                }
                refused += 1;
                continue;
            }
            if !out.status.success() {
                failures.push(format!("{label}: alembic upgrade --sql failed:\n{}", stderr(&out)));
                continue;
            }
            let theirs = sql_stream_schema(&stdout(&out), "postgres");
            match compare(&ours, env, &theirs, &label, &stdout(&out)) {
                Ok(n) => tables += n,
                Err(f) => failures.push(f),
            }
            compared += 1;
        }
    }
    eprintln!(
        "alembic oracle: {compared} environments compared offline and {sqlite} SQLite ones online ({tables} tables), \
         {refused} refused as expected"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(compared >= 7, "expected the corpus to hold at least 7 Alembic environments to compare, found {compared}");
    assert!(sqlite >= 1, "expected the corpus to hold a SQLite Alembic environment, found none");
}
