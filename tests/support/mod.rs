//! Helpers shared by the end-to-end tests: the built binary, the corpus, running commands.

#![allow(dead_code, reason = "each test binary uses a different subset of the helpers")]

pub(crate) mod alembic;
pub(crate) mod pg;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_schemagraph")
}

pub(crate) fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

pub(crate) fn corpus_dir() -> PathBuf {
    workspace_root().join("corpus")
}

/// Every corpus case: each directory directly under `corpus/`, sorted.
pub(crate) fn corpus_cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("corpus/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

/// Runs the binary with `args`.
pub(crate) fn run(args: &[&str]) -> Output {
    Command::new(bin()).args(args).env("NO_COLOR", "1").output().expect("run schemagraph")
}

pub(crate) fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Writes `files` into a fresh temporary directory.
pub(crate) fn fixture(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().expect("a file has a parent")).expect("create fixture directory");
        std::fs::write(p, text).expect("write fixture file");
    }
    dir
}

/// A temporary directory removed on drop; std has none and the tests need only this.
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    pub(crate) fn new() -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("schemagraph-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create temporary directory");
        TempDir(path)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }

    pub(crate) fn arg(&self) -> &str {
        self.0.to_str().expect("temporary paths are UTF-8")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
