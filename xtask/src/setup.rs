//! `cargo xtask setup`: installs what the tests need, idempotently. Each step checks first
//! and installs only what is missing, so running it again is cheap.
//!
//! - PostgreSQL server binaries (Debian's `postgresql` package), for the oracle test.

#![expect(clippy::print_stderr, reason = "setup reports progress on stderr")]

use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) fn run(_root: &Path) -> Result<(), String> {
    postgres()?;
    Ok(())
}

/// The newest `/usr/lib/postgresql/<version>/bin` that has `initdb`.
pub(crate) fn postgres_bin() -> Option<PathBuf> {
    let mut dirs: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let version = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    dirs.sort();
    dirs.pop().map(|(_, bin)| bin)
}

fn postgres() -> Result<(), String> {
    if let Some(bin) = postgres_bin() {
        eprintln!("setup: PostgreSQL found in {}", bin.display());
        return Ok(());
    }
    eprintln!("setup: installing PostgreSQL (Debian package `postgresql`)");
    apt_install(&["postgresql"])?;
    postgres_bin().map(|_| ()).ok_or_else(|| "PostgreSQL was installed but no initdb was found".to_owned())
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn apt_install(packages: &[&str]) -> Result<(), String> {
    let sudo: &[&str] = if is_root() { &[] } else { &["sudo", "-n"] };
    let run = |args: &[&str]| -> Result<(), String> {
        let (program, rest) = match sudo.first() {
            Some(s) => (*s, [&sudo[1..], args].concat()),
            None => (args[0], args[1..].to_vec()),
        };
        let status = Command::new(program)
            .args(&rest)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .map_err(|e| format!("{program}: {e}"))?;
        if status.success() { Ok(()) } else { Err(format!("`{}` failed", args.join(" "))) }
    };
    run(&["apt-get", "update", "-q"])?;
    run(&[&["apt-get", "install", "-y", "-q", "--no-install-recommends"][..], packages].concat())
}
