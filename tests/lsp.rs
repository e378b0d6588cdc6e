//! The language server, driven by a real LSP client: pytest-lsp runs the session in
//! `tests/lsp/test_session.py` against the built binary. The client comes from
//! `cargo xtask setup` (a project-local `.venv`).

mod support;

use std::process::Command;

use support::{bin, workspace_root};

#[test]
fn an_editor_session_with_the_language_server() {
    let root = workspace_root();
    let pytest = root.join(".venv/bin/pytest");
    assert!(pytest.exists(), "{} is missing: run `cargo xtask setup`", pytest.display());
    let out = Command::new(pytest)
        .args(["-q", "-p", "no:cacheprovider"])
        .arg(root.join("tests/lsp"))
        .current_dir(root.join("tests/lsp"))
        .env("SCHEMAGRAPH_BIN", bin())
        .output()
        .expect("run pytest");
    let report = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the LSP session failed:\n{report}");
    assert!(report.contains("1 passed"), "the LSP session did not run:\n{report}");
}
