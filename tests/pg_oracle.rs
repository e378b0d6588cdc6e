//! The PostgreSQL oracle: the schema schemagraph replays must be the schema a real
//! PostgreSQL holds after running the same migrations.
//!
//! For every PostgreSQL stream of every corpus case, the test creates a fresh database in
//! a private cluster (`support::pg`), runs each up migration with psql in the order the
//! oracle derives itself (`pg_oracle/layout.rs`), and after each one compares the catalog
//! (`pg_oracle/catalog.rs`) with `schemagraph schema --at <version> --format json`. Then,
//! when every versioned migration of the stream has a down (a Flyway repeatable has none),
//! it runs the downs in reverse order and checks that the database holds exactly what a
//! fresh database holds.
//!
//! A corpus case may hold a history that is broken on purpose, to show a finding. When
//! PostgreSQL rejects a migration, schemagraph must have reported the problem in that
//! migration's file (an `integrity` finding, or one of `FAILS_TO_RUN`); the states before
//! it are compared as usual and the stream stops there, as a deployment would. The same
//! holds for a down that PostgreSQL rejects: schemagraph must have said, with
//! `down-does-not-restore`, that it does not undo its up. A rejection schemagraph did not
//! see coming is a failure.
//!
//! An Alembic stream is Python, which the oracle does not read: it runs the SQL Alembic's
//! own offline mode writes for the history (`support::alembic`) and compares the head, so
//! the schema schemagraph replays from the revision files is checked against what Alembic
//! would do to a real database. With a single head, `downgrade <head>:base --sql` must
//! return that database to empty.
//!
//! Go is not run either: a goose history is followed up to its first migration written in
//! Go (the states before it are compared, and the summary says where it stopped), a sqlc
//! stream is read the way sqlc reads its schema directory, and a GORM `AutoMigrate` stream is
//! reported as not run.
//!
//! The SQL form of the schema is checked the same way: `schemagraph schema --format sql` at
//! the head, run on a fresh database, must give the catalog the migrations gave. Where the
//! SQL says it does not reproduce a type or a function (`-- not reproduced: type ...`: a
//! domain, a column whose type only the query of a `CREATE TABLE ... AS SELECT` knows),
//! PostgreSQL may reject it; the summary names those streams.
//!
//! The rollback check counts schemas and extensions too: a down that leaves the schema its
//! up created behind makes the next `CREATE SCHEMA` fail, which is the kind of broken
//! rollback this check exists to catch. Streams that lack a down for some migration cannot
//! return to empty; the test says so on stderr and in its summary rather than skipping
//! them in silence.

#![expect(clippy::print_stderr, reason = "the oracle reports what it compared on stderr")]

mod support;

#[path = "pg_oracle/catalog.rs"]
mod catalog;
#[path = "pg_oracle/layout.rs"]
mod layout;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;
use support::alembic::OfflineProject;
use support::pg::Cluster;
use support::{corpus_cases, run, stderr, stdout};

/// Rules outside `integrity` whose finding says PostgreSQL refuses the statement: text
/// schemagraph could not read, and `CREATE INDEX CONCURRENTLY` inside a transaction block.
const FAILS_TO_RUN: &[&str] = &["unparsed-statement", "unreadable-file", "concurrent-index-in-transaction"];

#[derive(Default)]
struct Summary {
    cases: usize,
    streams: usize,
    migrations: usize,
    /// Schema states compared (one per migration whose version names it uniquely).
    states: usize,
    /// Tables compared, summed over the states.
    tables: usize,
    rollbacks: usize,
    without_rollback: Vec<String>,
    /// Streams PostgreSQL stopped, with the finding that explains why.
    rejected: Vec<String>,
    /// Streams whose migrations are code the oracle cannot run, with why.
    not_run: Vec<String>,
    /// Column types schemagraph reports as `unknown` (`CREATE TABLE ... AS SELECT`, with
    /// an `unsupported-construct` note saying so): not compared.
    unknown_types: BTreeSet<String>,
    /// Streams whose head was recreated from `schema --format sql` and compared.
    sql_round_trips: usize,
    /// Streams whose SQL PostgreSQL rejects where it says it does not reproduce a type or
    /// a function, with the first line of the error.
    sql_partial: Vec<String>,
}

#[test]
fn replayed_schema_matches_postgres() {
    let cluster = Cluster::start();
    let query = catalog::schema_query();
    let mut summary = Summary::default();
    let mut failures: Vec<String> = Vec::new();
    for case in corpus_cases() {
        let name = case.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_owned();
        let analysis = analyze(&case);
        let streams = analysis["streams"].as_array().cloned().unwrap_or_default();
        let findings = analysis["findings"].as_array().cloned().unwrap_or_default();
        let alembic = OfflineProject::new(&case);
        let mut any = false;
        for stream in streams.iter().filter(|s| s["dialect"] == "postgres") {
            any = true;
            let id = stream["id"].as_str().unwrap_or_default();
            let mut out = StreamRun {
                cluster: &cluster,
                case: &case,
                case_name: &name,
                id,
                query: &query,
                findings: &findings,
                alembic: alembic.as_ref(),
                bookkeeping: None,
                failures: Vec::new(),
            };
            out.check(stream, &mut summary);
            failures.extend(out.failures);
        }
        summary.cases += usize::from(any);
    }
    eprintln!(
        "pg_oracle: {} cases, {} PostgreSQL streams, {} migrations, {} schema states and {} tables compared, \
         {} rollbacks to empty checked",
        summary.cases, summary.streams, summary.migrations, summary.states, summary.tables, summary.rollbacks
    );
    for s in &summary.without_rollback {
        eprintln!("pg_oracle: no rollback check for {s}");
    }
    for s in &summary.rejected {
        eprintln!("pg_oracle: stopped early: {s}");
    }
    for s in &summary.not_run {
        eprintln!("pg_oracle: not run: {s}");
    }
    for s in &summary.unknown_types {
        eprintln!("pg_oracle: type not compared, as schemagraph says it does not know it: {s}");
    }
    eprintln!("pg_oracle: {} heads recreated from `schema --format sql` and compared", summary.sql_round_trips);
    for s in &summary.sql_partial {
        eprintln!(
            "pg_oracle: `schema --format sql` does not run, as it says it does not reproduce a type or function: {s}"
        );
    }
    assert!(summary.streams > 0, "the corpus has no PostgreSQL stream, so the oracle compared nothing");
    assert!(failures.is_empty(), "schemagraph and PostgreSQL disagree:\n\n{}", failures.join("\n\n"));
}

/// `schemagraph analyze` of a case: its streams and findings.
fn analyze(case: &Path) -> Value {
    let out = run(&["analyze", path_arg(case), "--format", "json", "--fail-on", "never"]);
    assert_eq!(out.status.code(), Some(0), "schemagraph analyze {} failed:\n{}", case.display(), stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("analyze prints JSON")
}

fn path_arg(p: &Path) -> &str {
    p.to_str().expect("corpus paths are UTF-8")
}

struct StreamRun<'a> {
    cluster: &'a Cluster,
    case: &'a Path,
    case_name: &'a str,
    id: &'a str,
    query: &'a str,
    findings: &'a [Value],
    /// The case's Alembic project, for its Alembic streams.
    alembic: Option<&'a OfflineProject>,
    /// The tool's own table, created before the first migration: its name and DDL.
    bookkeeping: Option<(&'static str, &'static str)>,
    failures: Vec<String>,
}

impl StreamRun<'_> {
    fn fail(&mut self, what: String) {
        self.failures.push(format!("{} / {}: {what}", self.case_name, self.id));
    }

    fn check(&mut self, stream: &Value, summary: &mut Summary) {
        let layout_name = stream["layout"].as_str().unwrap_or_default();
        if layout_name == "alembic" {
            return self.check_alembic(stream, summary);
        }
        let dir = if self.id == "." { self.case.to_owned() } else { self.case.join(self.id) };
        if let Some(why) = layout::not_runnable(&dir, layout_name) {
            summary.not_run.push(format!("{} / {} ({why})", self.case_name, self.id));
            return;
        }
        let migrations = match layout::migrations(&dir, layout_name) {
            Ok(m) => m,
            Err(e) => return self.fail(e),
        };
        summary.streams += 1;
        summary.migrations += migrations.len();

        // The oracle's reading of the directory must agree with schemagraph's before their
        // schemas can be compared at all.
        let count = stream["migrations"].as_u64().unwrap_or(0) as usize;
        // The head is the last versioned migration: a Flyway repeatable has no version.
        let head = stream["head"].as_str();
        let last_versioned = migrations.iter().rev().find(|m| !m.repeatable()).map(|m| m.version.as_str());
        if count != migrations.len() || head != last_versioned {
            let listed: Vec<&str> = migrations.iter().map(|m| m.source.as_str()).collect();
            return self.fail(format!(
                "schemagraph finds {count} migrations ending at {head:?}; the oracle reads {} ({})",
                migrations.len(),
                listed.join(", ")
            ));
        }

        let db = self.cluster.create_database();
        // The tool creates its own table before the first migration, and a migration may
        // use it (a diesel project puts a trigger on `__diesel_schema_migrations`).
        self.bookkeeping = layout::bookkeeping_table(layout_name);
        if let Some((_, create)) = self.bookkeeping
            && let Err(e) = self.cluster.execute(&db, create.as_bytes())
        {
            return self.fail(format!("cannot create the tool's bookkeeping table: {e}"));
        }
        let fresh = self.objects(&db);
        let mut reported: BTreeSet<String> = BTreeSet::new();
        for (i, m) in migrations.iter().enumerate() {
            if m.go {
                summary.rejected.push(format!(
                    "{} / {}: {} is a goose migration written in Go, which the oracle does not run",
                    self.case_name, self.id, m.source
                ));
                return;
            }
            if let Err(e) = self.cluster.execute(&db, &m.up) {
                let path = if self.id == "." { m.source.clone() } else { format!("{}/{}", self.id, m.source) };
                match self.explained_by(|f| f["path"] == path.as_str()) {
                    Some(finding) => summary.rejected.push(format!(
                        "{} / {}: PostgreSQL rejects {}, as schemagraph's {finding} says",
                        self.case_name, self.id, m.source
                    )),
                    None => self.fail(format!(
                        "PostgreSQL rejects {} and schemagraph reports no problem there:\n{e}",
                        m.source
                    )),
                }
                return;
            }
            // `--at` picks the last migration with the version, so a version shared by
            // several (Flyway repeatables are all `R`) names only the last of them.
            let unique = migrations.iter().filter(|o| o.version == m.version).count() == 1;
            let is_head = i + 1 == migrations.len();
            if !unique && !is_head {
                continue;
            }
            let at = if unique { Some(m.version.as_str()) } else { None };
            if !self.compare(&db, at, &m.source, summary, &mut reported) {
                return;
            }
        }
        self.check_sql(summary);

        // Flyway has no undo for a repeatable; the undo files of the versioned migrations
        // must remove what it made, as they would in production.
        let versioned = || migrations.iter().filter(|m| !m.repeatable());
        if versioned().any(|m| m.down.is_none()) {
            let missing: Vec<&str> = versioned().filter(|m| m.down.is_none()).map(|m| m.source.as_str()).collect();
            summary.without_rollback.push(format!(
                "{} / {} (no down for {})",
                self.case_name,
                self.id,
                missing.join(", ")
            ));
            return;
        }
        for m in versioned().rev() {
            let down = m.down.as_deref().unwrap_or_default();
            if let Err(e) = self.cluster.execute(&db, down) {
                // A down schemagraph calls broken (it drops what something still depends
                // on, or uses what is not there) stops the rollback, as it would in
                // production; the finding points at the down and at the up it undoes.
                let path = if self.id == "." { m.source.clone() } else { format!("{}/{}", self.id, m.source) };
                let explained = self.findings.iter().any(|f| {
                    f["rule"] == "down-does-not-restore"
                        && (f["path"] == path.as_str()
                            || f["related"].as_array().is_some_and(|r| r.iter().any(|r| r["path"] == path.as_str())))
                });
                if explained {
                    summary.rejected.push(format!(
                        "{} / {}: PostgreSQL rejects the down of {}, as schemagraph's `down-does-not-restore` says",
                        self.case_name, self.id, m.source
                    ));
                    return;
                }
                return self.fail(format!("PostgreSQL rejects the down of {}:\n{e}", m.source));
            }
        }
        self.check_empty(&db, &fresh, summary);
    }

    /// Compares the database with schemagraph's schema at `at` (the head when `None`), after
    /// the migration `after`; returns false when the comparison could not run at all.
    fn compare(
        &mut self,
        db: &str,
        at: Option<&str>,
        after: &str,
        summary: &mut Summary,
        reported: &mut BTreeSet<String>,
    ) -> bool {
        let Some(mut expected) = self.schemagraph(at) else { return false };
        let mut actual = match self.cluster.query(db, self.query) {
            Ok(text) => catalog::normalize(serde_json::from_str(text.trim()).expect("the catalog query returns JSON")),
            Err(e) => {
                self.fail(format!("the catalog query failed: {e}"));
                return false;
            }
        };
        // The tools' bookkeeping tables are theirs, not the history's.
        let bookkeeping = self.bookkeeping.map(|(name, _)| name);
        if let Some(tables) = actual["tables"].as_array_mut() {
            tables.retain(|t| {
                t["schema"] != "public"
                    || (t["name"] != "alembic_version" && Some(t["name"].as_str().unwrap_or("")) != bookkeeping)
            });
        }
        summary.states += 1;
        summary.tables += actual["tables"].as_array().map_or(0, Vec::len);
        for table in take_unknown_columns(&mut actual, &mut expected) {
            summary.unknown_types.insert(format!("{} / {}: the columns of {table}", self.case_name, self.id));
        }
        for column in take_unknown_types(&actual, &mut expected) {
            summary.unknown_types.insert(format!("{} / {}: {column}", self.case_name, self.id));
        }
        let mut diffs = diff(&actual, &expected);
        // The field-by-field diff makes messages readable; equality of the whole value
        // is what the test asserts.
        if diffs.is_empty() && actual != expected {
            diffs.push(format!(
                "the schemas differ:\n  PostgreSQL {}\n  schemagraph {}",
                show(&actual),
                show(&expected)
            ));
        }
        for d in diffs {
            if reported.insert(d.clone()) {
                self.fail(format!("after {after}: {d}"));
            }
        }
        true
    }

    /// Runs `schemagraph schema --format sql` of the head on a fresh database and compares
    /// its catalog with the head's JSON, as the migrations' own was.
    fn check_sql(&mut self, summary: &mut Summary) {
        let args = ["schema", path_arg(self.case), "--stream", self.id, "--format", "sql"];
        let out = run(&args);
        if out.status.code() != Some(0) {
            return self.fail(format!("`schemagraph {}` failed:\n{}", args.join(" "), stderr(&out)));
        }
        let sql = stdout(&out);
        let db = self.cluster.create_database();
        if let Err(e) = self.cluster.execute(&db, sql.as_bytes()) {
            let partial = sql
                .lines()
                .any(|l| l.starts_with("-- not reproduced: type") || l.starts_with("-- not reproduced: function"));
            if partial {
                let first = e.lines().find(|l| l.contains("ERROR")).unwrap_or_default().trim().to_owned();
                summary.sql_partial.push(format!("{} / {}: {first}", self.case_name, self.id));
            } else {
                self.fail(format!("PostgreSQL rejects `schemagraph schema --format sql`:\n{e}\n{sql}"));
            }
            return;
        }
        summary.sql_round_trips += 1;
        self.compare(&db, None, "`schema --format sql`", summary, &mut BTreeSet::new());
    }

    /// Checks that the database holds what it held when fresh: the downs undid everything.
    fn check_empty(&mut self, db: &str, fresh: &BTreeSet<String>, summary: &mut Summary) {
        summary.rollbacks += 1;
        let after = self.objects(db);
        let left: Vec<&String> = after.difference(fresh).collect();
        let gone: Vec<&String> = fresh.difference(&after).collect();
        if !left.is_empty() || !gone.is_empty() {
            let mut msg = String::from("the down migrations do not return the database to empty:");
            for o in left {
                write!(msg, "\n  left behind: {o}").unwrap();
            }
            for o in gone {
                write!(msg, "\n  dropped although no up created it: {o}").unwrap();
            }
            self.fail(msg);
        }
    }

    /// An Alembic stream. Alembic orders its own revision graph, so the oracle takes the SQL
    /// Alembic's offline mode writes for the whole history (`upgrade heads --sql`), runs it,
    /// and compares the head. With one head, `downgrade <head>:base --sql` must then return
    /// the database to empty.
    fn check_alembic(&mut self, stream: &Value, summary: &mut Summary) {
        let Some((project, env)) = self.alembic.and_then(|p| Some((p, p.environment(self.id)?))) else {
            return self.fail("no environment of the case's alembic.ini has this script location".to_owned());
        };
        summary.streams += 1;
        summary.migrations += stream["migrations"].as_u64().unwrap_or(0) as usize;
        let upgrade = project.offline(&env.section, &["upgrade", "heads"]);
        let db = self.cluster.create_database();
        let fresh = self.objects(&db);
        let refusal = if upgrade.status.success() {
            self.cluster.execute(&db, &upgrade.stdout).err().map(|e| format!("PostgreSQL rejects its SQL:\n{e}"))
        } else {
            Some(format!("Alembic refuses the history:\n{}", stderr(&upgrade)))
        };
        if let Some(refusal) = refusal {
            // Offline SQL does not say which revision failed, so any finding of the kind in
            // the stream explains it.
            match self.explained_by(|f| f["stream"] == self.id) {
                Some(finding) => summary.rejected.push(format!(
                    "{} / {}: {}, as schemagraph's {finding} says",
                    self.case_name,
                    self.id,
                    refusal.lines().next().unwrap_or_default().trim_end_matches(':')
                )),
                None => self.fail(format!("{refusal}\nand schemagraph reports no problem in the stream")),
            }
            return;
        }
        if !self.compare(&db, None, "alembic upgrade heads", summary, &mut BTreeSet::new()) {
            return;
        }
        self.check_sql(summary);
        let heads = project.run(&env.section, &["heads"]);
        let heads: Vec<String> =
            stdout(&heads).lines().filter_map(|l| l.split_whitespace().next()).map(str::to_owned).collect();
        let [head] = heads.as_slice() else {
            summary.without_rollback.push(format!(
                "{} / {} ({} heads, and Alembic downgrades offline from one)",
                self.case_name,
                self.id,
                heads.len()
            ));
            return;
        };
        let downgrade = project.offline(&env.section, &["downgrade", &format!("{head}:base")]);
        if !downgrade.status.success() {
            return self.fail(format!("alembic downgrade {head}:base --sql failed:\n{}", stderr(&downgrade)));
        }
        let mut sql = downgrade.stdout;
        sql.extend_from_slice(b"\nDROP TABLE IF EXISTS alembic_version;\n");
        if let Err(e) = self.cluster.execute(&db, &sql) {
            return self.fail(format!("PostgreSQL rejects the SQL of alembic downgrade {head}:base:\n{e}"));
        }
        self.check_empty(&db, &fresh, summary);
    }

    /// The finding with which schemagraph told of a migration PostgreSQL rejects: an
    /// `integrity` finding, or one of the rules that say the statement itself fails
    /// (`FAILS_TO_RUN`), among the findings `in_scope` picks.
    fn explained_by(&self, in_scope: impl Fn(&Value) -> bool) -> Option<String> {
        self.findings.iter().find_map(|f| {
            let relevant =
                in_scope(f) && (f["category"] == "integrity" || FAILS_TO_RUN.iter().any(|r| f["rule"] == *r));
            relevant.then(|| format!("`{}` at line {}", f["rule"].as_str().unwrap_or("?"), f["line"]))
        })
    }

    fn objects(&self, db: &str) -> BTreeSet<String> {
        let text = self.cluster.query(db, &catalog::objects_query()).expect("list the database's objects");
        text.lines().map(str::to_owned).collect()
    }

    /// schemagraph's schema of this stream, at a version or at the head, without the
    /// fields the catalog has no counterpart for.
    fn schemagraph(&mut self, at: Option<&str>) -> Option<Value> {
        let mut args = vec!["schema", path_arg(self.case), "--stream", self.id, "--format", "json"];
        if let Some(at) = at {
            args.extend(["--at", at]);
        }
        let out = run(&args);
        if out.status.code() != Some(0) {
            self.fail(format!("`schemagraph {}` failed:\n{}", args.join(" "), stderr(&out)));
            return None;
        }
        let v: Value = serde_json::from_str(&stdout(&out)).expect("schema prints JSON");
        let s = &v["streams"][0];
        Some(serde_json::json!({ "tables": s["tables"], "enums": s["enums"] }))
    }
}

fn show(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn qualified(t: &Value) -> String {
    format!("{}.{}", t["schema"].as_str().unwrap_or("?"), t["name"].as_str().unwrap_or("?"))
}

/// Where schemagraph says it does not know a table's columns (`CREATE TABLE ... AS SELECT
/// *`, `columns_unknown`), compares only the columns it names: the database's other
/// columns are left out, and schemagraph's are put in the database's order. Returns the
/// tables, as `schema.table`.
fn take_unknown_columns(pg: &mut Value, sg: &mut Value) -> Vec<String> {
    let mut taken = Vec::new();
    let Some(sg_tables) = sg["tables"].as_array_mut() else { return taken };
    for t in sg_tables {
        if t.as_object_mut().and_then(|o| o.remove("columns_unknown")) != Some(Value::Bool(true)) {
            continue;
        }
        let name = qualified(t);
        let Some(pg_table) = pg["tables"].as_array_mut().and_then(|ts| ts.iter_mut().find(|p| qualified(p) == name))
        else {
            continue;
        };
        let named: Vec<Value> = t["columns"].as_array().cloned().unwrap_or_default();
        let position =
            |c: &Value| pg_table["columns"].as_array().and_then(|cs| cs.iter().position(|p| p["name"] == c["name"]));
        let mut ordered = named.clone();
        ordered.sort_by_key(|c| position(c).unwrap_or(usize::MAX));
        t["columns"] = Value::Array(ordered);
        if let Some(cs) = pg_table["columns"].as_array_mut() {
            cs.retain(|p| named.iter().any(|c| c["name"] == p["name"]));
        }
        taken.push(name);
    }
    taken
}

/// Where schemagraph gives a column PostgreSQL's `unknown` type (the types of
/// `CREATE TABLE ... AS SELECT` it cannot know without running the query, and says so),
/// takes the database's type instead, so that everything else about the column is still
/// compared. Returns the columns, as `schema.table.column`.
fn take_unknown_types(pg: &Value, sg: &mut Value) -> Vec<String> {
    let mut taken = Vec::new();
    let Some(sg_tables) = sg["tables"].as_array_mut() else { return taken };
    for t in sg_tables {
        let name = qualified(t);
        let Some(pg_table) = pg["tables"].as_array().and_then(|ts| ts.iter().find(|p| qualified(p) == name)) else {
            continue;
        };
        for c in t["columns"].as_array_mut().into_iter().flatten() {
            if c["type"] != "unknown" {
                continue;
            }
            let pg_column = pg_table["columns"].as_array().and_then(|cs| cs.iter().find(|p| p["name"] == c["name"]));
            if let Some(p) = pg_column {
                c["type"] = p["type"].clone();
                taken.push(format!("{name}.{}", c["name"].as_str().unwrap_or("?")));
            }
        }
    }
    taken
}

/// The differences between the database (`pg`) and schemagraph (`sg`), one readable line
/// (or a few) per difference, naming the table and the field.
fn diff(pg: &Value, sg: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let empty = Vec::new();
    let pg_tables = pg["tables"].as_array().unwrap_or(&empty);
    let sg_tables = sg["tables"].as_array().unwrap_or(&empty);
    let names = |ts: &[Value]| ts.iter().map(qualified).collect::<Vec<_>>();
    for t in pg_tables {
        match sg_tables.iter().find(|s| qualified(s) == qualified(t)) {
            Some(s) => diff_table(t, s, &mut out),
            None => out.push(format!("table {} exists in PostgreSQL but not in schemagraph", qualified(t))),
        }
    }
    for s in sg_tables {
        if !pg_tables.iter().any(|t| qualified(t) == qualified(s)) {
            out.push(format!("table {} exists in schemagraph but not in PostgreSQL", qualified(s)));
        }
    }
    if out.is_empty() && names(pg_tables) != names(sg_tables) {
        out.push(format!(
            "tables are listed in a different order: PostgreSQL (sorted by schema, name) {:?}, schemagraph {:?}",
            names(pg_tables),
            names(sg_tables)
        ));
    }
    if pg["enums"] != sg["enums"] {
        out.push(format!("enums: PostgreSQL {}\n  schemagraph {}", show(&pg["enums"]), show(&sg["enums"])));
    }
    out
}

fn diff_table(pg: &Value, sg: &Value, out: &mut Vec<String>) {
    let table = qualified(pg);
    let empty = Vec::new();
    let pg_cols = pg["columns"].as_array().unwrap_or(&empty);
    let sg_cols = sg["columns"].as_array().unwrap_or(&empty);
    let col_names = |cs: &[Value]| cs.iter().map(|c| c["name"].as_str().unwrap_or("?").to_owned()).collect::<Vec<_>>();
    if col_names(pg_cols) != col_names(sg_cols) {
        out.push(format!(
            "table {table}: columns differ: PostgreSQL {:?}, schemagraph {:?}",
            col_names(pg_cols),
            col_names(sg_cols)
        ));
    }
    for c in pg_cols {
        let Some(s) = sg_cols.iter().find(|s| s["name"] == c["name"]) else { continue };
        for field in ["type", "nullable", "default"] {
            if c[field] != s[field] {
                out.push(format!(
                    "table {table}: column {} {field}: PostgreSQL {}, schemagraph {}",
                    c["name"].as_str().unwrap_or("?"),
                    show(&c[field]),
                    show(&s[field])
                ));
            }
        }
    }
    for field in ["primary_key", "unique", "rls"] {
        if pg[field] != sg[field] {
            out.push(format!(
                "table {table}: {field}: PostgreSQL {}, schemagraph {}",
                show(&pg[field]),
                show(&sg[field])
            ));
        }
    }
    for list in ["foreign_keys", "indexes"] {
        let pg_items = pg[list].as_array().unwrap_or(&empty);
        let sg_items = sg[list].as_array().unwrap_or(&empty);
        for p in pg_items {
            match sg_items.iter().find(|s| s["name"] == p["name"]) {
                Some(s) if s == p => {}
                Some(s) => {
                    out.push(format!("table {table}: {list}: PostgreSQL {}\n  schemagraph {}", show(p), show(s)))
                }
                None => out.push(format!("table {table}: {list}: only in PostgreSQL: {}", show(p))),
            }
        }
        for s in sg_items {
            if !pg_items.iter().any(|p| p["name"] == s["name"]) {
                out.push(format!("table {table}: {list}: only in schemagraph: {}", show(s)));
            }
        }
        let names = |items: &[Value]| items.iter().map(|i| show(&i["name"])).collect::<Vec<_>>();
        if names(pg_items).iter().collect::<BTreeSet<_>>() == names(sg_items).iter().collect::<BTreeSet<_>>()
            && names(pg_items) != names(sg_items)
        {
            out.push(format!("table {table}: {list} are not sorted by name in schemagraph's output"));
        }
    }
    // Anything the fields above do not cover (a field one side lacks) still counts.
    let keys = |v: &Value| v.as_object().map(|o| o.keys().cloned().collect::<BTreeSet<_>>()).unwrap_or_default();
    for k in keys(pg).symmetric_difference(&keys(sg)) {
        out.push(format!("table {table}: field `{k}` is present on one side only"));
    }
}
