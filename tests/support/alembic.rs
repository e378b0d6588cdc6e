//! Running Alembic's offline mode on a corpus case, for the oracles: the SQL Alembic itself
//! would run for a history, produced with no database (`--sql` against a dummy
//! `postgresql://` URL) by the Alembic the project-local `.venv` holds (`cargo xtask setup`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::{TempDir, workspace_root};

/// The URL offline runs use: Alembic only needs the dialect, not a server.
const DUMMY_URL: &str = "postgresql://u:p@127.0.0.1:1/none";

/// Cases Alembic cannot run, with a fragment of its error message.
pub(crate) const ALEMBIC_REFUSES: &[(&str, &str)] = &[("alembic-missing-revision", "is not present")];

/// One environment an `alembic.ini` declares.
pub(crate) struct Environment {
    pub(crate) section: String,
    /// The stream id schemagraph gives it: the script location relative to the case.
    pub(crate) stream: String,
}

/// The environments an `alembic.ini` at the root of a case declares. The corpus writes
/// `script_location = %(here)s/<dir>`, which is all this reader understands; anything
/// else fails the test rather than being skipped.
pub(crate) fn environments(ini: &str) -> Vec<Environment> {
    let mut out = Vec::new();
    let mut section = String::new();
    for line in ini.lines() {
        let line = line.trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_owned();
        } else if let Some(value) = line.strip_prefix("script_location") {
            let value = value.trim_start_matches([' ', '=']).trim();
            let stream = value
                .strip_prefix("%(here)s/")
                .unwrap_or_else(|| panic!("the oracle expects `script_location = %(here)s/<dir>`, found `{value}`"));
            out.push(Environment { section: section.clone(), stream: stream.to_owned() });
        }
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
        let rewritten: String = ini
            .lines()
            .map(|l| {
                if l.trim_start().starts_with("sqlalchemy.url") {
                    format!("sqlalchemy.url = {DUMMY_URL}")
                } else {
                    l.to_owned()
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
