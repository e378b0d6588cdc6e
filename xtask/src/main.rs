//! `cargo xtask`: the project's development tasks, written in Rust so they run the same
//! everywhere (matklad's cargo-xtask).
//!
//! - `codegen [--check]`: regenerate the rule registry.
//! - `setup`: install what the tests need (PostgreSQL, a Python venv with pytest-lsp and
//!   the SARIF schema, the SARIF multitool); idempotent.
//! - `test`: `setup`, then every test of the workspace.
//! - `bench`: time `schemagraph analyze` in release on a generated repository.

#![expect(clippy::print_stderr, reason = "xtask reports progress on stderr")]

mod bench;
mod codegen;
mod setup;
mod tidy;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_owned).unwrap_or_default()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["codegen"] => codegen::run(&root(), false),
        ["codegen", "--check"] => codegen::run(&root(), true),
        ["setup"] => setup::run(&root()),
        ["bench"] => bench::run(&root()),
        ["test", rest @ ..] => setup::run(&root()).and_then(|()| cargo_test(rest)),
        _ => Err("usage: cargo xtask <codegen [--check] | setup | test [cargo test args] | bench>".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn cargo_test(extra: &[&str]) -> Result<(), String> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["test", "--workspace"])
        .args(extra)
        .current_dir(root())
        .status()
        .map_err(|e| format!("cargo test: {e}"))?;
    if status.success() { Ok(()) } else { Err("tests failed".into()) }
}
