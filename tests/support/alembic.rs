//! Running Alembic's offline mode on a corpus case, for the oracles: the SQL Alembic itself
//! would run for a history, produced with no database (`--sql` against a dummy
//! `postgresql://` URL) by the Alembic the project-local `.venv` holds (`cargo xtask setup`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::{TempDir, workspace_root};

/// The URL offline runs use: Alembic only needs the dialect, not a server.
const DUMMY_URL: &str = "postgresql://u:p@127.0.0.1:1/none";

/// Cases Alembic cannot run, with a fragment of its error message.
pub(crate) const ALEMBIC_REFUSES: &[(&str, &str)] =
    &[("alembic-missing-revision", "is not present"), ("alembic-revision-cycle", "Cycle is detected in revisions")];

/// One environment an `alembic.ini` declares.
pub(crate) struct Environment {
    pub(crate) section: String,
    /// The stream id schemagraph gives it: the script location relative to the case.
    pub(crate) stream: String,
    /// Whether its `sqlalchemy.url` names SQLite: Alembic cannot write a SQLite batch
    /// offline (it must read the table), so the oracle runs those online, on a file.
    pub(crate) sqlite: bool,
}

/// The environments an `alembic.ini` at the root of a case declares. The corpus writes
/// `script_location = %(here)s/<dir>`, which is all this reader understands; anything
/// else fails the test rather than being skipped.
pub(crate) fn environments(ini: &str) -> Vec<Environment> {
    let mut out: Vec<Environment> = Vec::new();
    let mut section = String::new();
    let mut sqlite_sections = Vec::new();
    for line in ini.lines() {
        let line = line.trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_owned();
        } else if let Some(value) = line.strip_prefix("script_location") {
            let value = value.trim_start_matches([' ', '=']).trim();
            let stream = value
                .strip_prefix("%(here)s/")
                .unwrap_or_else(|| panic!("the oracle expects `script_location = %(here)s/<dir>`, found `{value}`"));
            out.push(Environment { section: section.clone(), stream: stream.to_owned(), sqlite: false });
        } else if let Some(value) = line.strip_prefix("sqlalchemy.url")
            && value.trim_start_matches([' ', '=']).trim().starts_with("sqlite")
        {
            sqlite_sections.push(section.clone());
        }
    }
    for env in &mut out {
        env.sqlite = sqlite_sections.contains(&env.section);
    }
    out
}

/// `.venv/bin/alembic`, or a panic saying how to install it: an oracle that skips itself
/// proves nothing.
pub(crate) fn alembic_bin() -> PathBuf {
    let alembic = workspace_root().join(".venv/bin/alembic");
    assert!(
        alembic.exists(),
        "the Alembic oracle needs Alembic in the project-local virtual environment ({} is missing); run `cargo xtask setup`",
        alembic.display()
    );
    alembic
}

/// A copy of a corpus case whose URLs point nowhere, so no driver is needed and the corpus
/// stays free of `__pycache__`.
pub(crate) struct OfflineProject {
    work: TempDir,
    alembic: PathBuf,
    pub(crate) environments: Vec<Environment>,
}

impl OfflineProject {
    /// The project of `case`, or `None` when the case has no `alembic.ini`.
    pub(crate) fn new(case: &Path) -> Option<OfflineProject> {
        let ini = std::fs::read_to_string(case.join("alembic.ini")).ok()?;
        let work = TempDir::new();
        copy_dir(case, work.path());
        // A SQLite URL points at a file of the copy, one per section; any other at nothing.
        let mut section = String::new();
        let rewritten: String = ini
            .lines()
            .map(|l| {
                let t = l.trim();
                if let Some(name) = t.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
                    section = name.to_owned();
                }
                match t.strip_prefix("sqlalchemy.url") {
                    Some(v) if v.trim_start_matches([' ', '=']).trim().starts_with("sqlite") => {
                        format!("sqlalchemy.url = sqlite:///{}", work.path().join(format!("{section}.db")).display())
                    }
                    Some(_) => format!("sqlalchemy.url = {DUMMY_URL}"),
                    None => l.to_owned(),
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(work.path().join("alembic.ini"), rewritten).expect("write alembic.ini");
        Some(OfflineProject { work, alembic: alembic_bin(), environments: environments(&ini) })
    }

    /// The environment whose script location is `stream`.
    pub(crate) fn environment(&self, stream: &str) -> Option<&Environment> {
        self.environments.iter().find(|e| e.stream == stream)
    }

    /// `alembic -n SECTION <args> --sql`.
    pub(crate) fn offline(&self, section: &str, args: &[&str]) -> Output {
        let mut all = args.to_vec();
        all.push("--sql");
        self.run(section, &all)
    }

    /// `alembic -n SECTION <args>`: only for commands that read the scripts and need no
    /// database, such as `heads`.
    pub(crate) fn run(&self, section: &str, args: &[&str]) -> Output {
        Command::new(&self.alembic)
            .args(["-c", "alembic.ini", "-n", section])
            .args(args)
            .current_dir(self.work.path())
            .output()
            .expect("run alembic")
    }
}

impl OfflineProject {
    /// Runs `alembic -n SECTION upgrade heads` on the section's SQLite file and returns the
    /// DDL SQLite then holds (`sqlite_master`, in creation order, Alembic's own table left
    /// out), as a script.
    pub(crate) fn sqlite_schema_after_upgrade(&self, section: &str) -> Result<String, String> {
        let out = self.run(section, &["upgrade", "heads"]);
        if !out.status.success() {
            return Err(format!("alembic upgrade heads failed:\n{}", String::from_utf8_lossy(&out.stderr)));
        }
        let db = self.work.path().join(format!("{section}.db"));
        let python = workspace_root().join(".venv/bin/python");
        let dump = Command::new(python)
            .arg("-c")
            .arg(
                "import sqlite3, sys\n\
                 rows = sqlite3.connect(sys.argv[1]).execute(\n\
                 \"SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' \"\n\
                 \"AND tbl_name <> 'alembic_version' ORDER BY rowid\")\n\
                 print(''.join(r[0] + ';\\n' for r in rows))",
            )
            .arg(&db)
            .output()
            .expect("run python");
        if !dump.status.success() {
            return Err(format!("reading {} failed:\n{}", db.display(), String::from_utf8_lossy(&dump.stderr)));
        }
        Ok(String::from_utf8_lossy(&dump.stdout).into_owned())
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create directory");
    for entry in std::fs::read_dir(from).expect("read corpus directory").filter_map(Result::ok) {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy corpus file");
        }
    }
}
