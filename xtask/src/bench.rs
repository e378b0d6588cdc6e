//! `cargo xtask bench`: times `schemagraph analyze` in release on a generated repository.
//!
//! The repository has many services, each a golang-migrate directory with up and down
//! files whose tables reference each other, tenant columns, indexes, column changes, DO
//! blocks and functions, so every stage (discovery, splitting, parsing, replay, graph and
//! per-op rules) does real work. It is written under `target/bench-corpus` and rebuilt only
//! when its parameters change.

#![expect(clippy::print_stderr, reason = "the benchmark reports on stderr")]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const SERVICES: usize = 40;
const MIGRATIONS_PER_SERVICE: usize = 125;
const RUNS: usize = 5;

fn generate(dir: &Path) -> Result<(usize, usize), String> {
    let stamp = dir.join("PARAMETERS");
    let params = format!("{SERVICES} services x {MIGRATIONS_PER_SERVICE} migrations, v1\n");
    let count = |dir: &Path| -> (usize, usize) {
        let files =
            walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()).count();
        (files.saturating_sub(1), SERVICES * MIGRATIONS_PER_SERVICE)
    };
    if std::fs::read_to_string(&stamp).is_ok_and(|p| p == params) {
        return Ok(count(dir));
    }
    let _ = std::fs::remove_dir_all(dir);
    for s in 0..SERVICES {
        let mig = dir.join(format!("services/svc{s:02}/db/migrations"));
        std::fs::create_dir_all(&mig).map_err(|e| e.to_string())?;
        for i in 0..MIGRATIONS_PER_SERVICE {
            let (up, down) = migration(s, i);
            let name = format!("{:06}_step_{i}", i + 1);
            std::fs::write(mig.join(format!("{name}.up.sql")), up).map_err(|e| e.to_string())?;
            std::fs::write(mig.join(format!("{name}.down.sql")), down).map_err(|e| e.to_string())?;
        }
    }
    std::fs::write(&stamp, params).map_err(|e| e.to_string())?;
    Ok(count(dir))
}

/// One migration of service `s`: a new table referencing the previous one, or a change to
/// an earlier table.
fn migration(s: usize, i: usize) -> (String, String) {
    let t = format!("s{s}_t{i}");
    let mut up = String::new();
    let mut down = String::new();
    match i % 5 {
        0..=2 => {
            let fk = if i >= 5 {
                format!(",\n    parent_id bigint REFERENCES s{s}_t{} (id) ON DELETE CASCADE", i - 5)
            } else {
                String::new()
            };
            let _ = writeln!(
                up,
                "-- Table {i} of service {s}.\nCREATE TABLE {t} (\n    id bigserial PRIMARY KEY,\n    tenant_id bigint NOT NULL,\n    name varchar(200) NOT NULL,\n    status text NOT NULL DEFAULT 'active',\n    amount numeric(12,2) DEFAULT 0,\n    payload jsonb DEFAULT '{{}}',\n    created_at timestamptz NOT NULL DEFAULT now(){fk}\n);\nCREATE INDEX {t}_tenant_idx ON {t} (tenant_id, created_at);\nCOMMENT ON TABLE {t} IS 'generated; semicolons; in comments';"
            );
            let _ = writeln!(down, "DROP TABLE {t};");
        }
        3 => {
            let target = format!("s{s}_t{}", i - 3);
            let _ = writeln!(
                up,
                "ALTER TABLE {target} ADD COLUMN note_{i} text, ADD COLUMN score_{i} integer DEFAULT 0;\nUPDATE {target} SET note_{i} = 'x' WHERE id > 0;\nCREATE UNIQUE INDEX CONCURRENTLY {target}_name_{i} ON {target} (tenant_id, name);"
            );
            let _ = writeln!(
                down,
                "DROP INDEX {target}_name_{i};\nALTER TABLE {target} DROP COLUMN score_{i}, DROP COLUMN note_{i};"
            );
        }
        _ => {
            let target = format!("s{s}_t{}", i - 4);
            let _ = writeln!(
                up,
                "CREATE OR REPLACE FUNCTION touch_{t}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.created_at := now();\n  RETURN NEW;\nEND;\n$$;\nDO $$ BEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'kind_{t}') THEN\n    CREATE TYPE kind_{t} AS ENUM ('a', 'b', 'c');\n  END IF;\nEND $$;\nALTER TABLE {target} ALTER COLUMN status SET DEFAULT 'pending';"
            );
            let _ = writeln!(
                down,
                "ALTER TABLE {target} ALTER COLUMN status SET DEFAULT 'active';\nDROP TYPE kind_{t};\nDROP FUNCTION touch_{t}();"
            );
        }
    }
    (up, down)
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn run_once(bin: &Path, corpus: &Path, threads: Option<usize>) -> Result<Duration, String> {
    let mut cmd = Command::new(bin);
    cmd.args(["analyze"]).arg(corpus).args(["--format", "json", "--fail-on", "never", "--output", "/dev/null"]);
    if let Some(n) = threads {
        cmd.env("RAYON_NUM_THREADS", n.to_string());
    }
    let start = Instant::now();
    let status = cmd.status().map_err(|e| e.to_string())?;
    let elapsed = start.elapsed();
    if !status.success() {
        return Err(format!("schemagraph exited with {status}"));
    }
    Ok(elapsed)
}

/// Peak resident memory of one run, from `/usr/bin/time`, when it is installed.
fn peak_rss_kib(bin: &Path, corpus: &Path) -> Option<u64> {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(bin)
        .arg("analyze")
        .arg(corpus)
        .args(["--format", "json", "--fail-on", "never", "--output", "/dev/null"])
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stderr).lines().last()?.trim().parse().ok()
}

pub(crate) fn run(root: &Path) -> Result<(), String> {
    let status = Command::new(cargo())
        .args(["build", "--release", "--quiet", "-p", "schemagraph"])
        .current_dir(root)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("release build failed".into());
    }
    let bin: PathBuf = root.join("target/release/schemagraph");
    let corpus = root.join("target/bench-corpus");
    let (files, migrations) = generate(&corpus)?;
    eprintln!("bench: {files} files, {migrations} migrations in {SERVICES} streams under {}", corpus.display());
    run_once(&bin, &corpus, None)?; // warm the page cache
    for threads in [None, Some(1)] {
        let mut times: Vec<Duration> = (0..RUNS).map(|_| run_once(&bin, &corpus, threads)).collect::<Result<_, _>>()?;
        times.sort();
        let mean = times.iter().sum::<Duration>() / RUNS as u32;
        let label = threads.map_or("all cores".to_owned(), |n| format!("{n} thread"));
        eprintln!(
            "bench: analyze ({label}): mean {:.3}s, min {:.3}s over {RUNS} runs; {:.0} files/s",
            mean.as_secs_f64(),
            times[0].as_secs_f64(),
            files as f64 / mean.as_secs_f64()
        );
    }
    match peak_rss_kib(&bin, &corpus) {
        Some(kib) => eprintln!("bench: peak resident memory {:.1} MiB", kib as f64 / 1024.0),
        None => eprintln!("bench: peak memory not measured (/usr/bin/time is not installed)"),
    }
    Ok(())
}
