//! `cargo xtask setup`: installs what the tests need, idempotently. Each step checks first
//! and installs only what is missing, so running it again is cheap.
//!
//! - PostgreSQL server binaries (Debian's `postgresql` package), for the oracle test.
//! - A project-local Python virtual environment `.venv` with the pinned Alembic and
//!   SQLAlchemy of `tests/alembic_oracle/requirements.txt`, for the Alembic oracle test.

#![expect(clippy::print_stderr, reason = "setup reports progress on stderr")]

use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) fn run(root: &Path) -> Result<(), String> {
    postgres()?;
    python_venv(root)?;
    Ok(())
}

/// Creates `.venv` and installs the pinned packages, unless the installed pins already
/// match: the requirements file is copied into the venv after a successful install and
/// compared on the next run.
fn python_venv(root: &Path) -> Result<(), String> {
    let requirements = root.join("tests/alembic_oracle/requirements.txt");
    let wanted = std::fs::read_to_string(&requirements).map_err(|e| format!("{}: {e}", requirements.display()))?;
    let venv = root.join(".venv");
    let stamp = venv.join("schemagraph-requirements.txt");
    let alembic = venv.join("bin/alembic");
    if alembic.exists() && std::fs::read_to_string(&stamp).is_ok_and(|have| have == wanted) {
        eprintln!("setup: Python venv with the pinned Alembic found in {}", venv.display());
        return Ok(());
    }
    if !venv.join("bin/python").exists() {
        eprintln!("setup: creating the Python venv {}", venv.display());
        let python = ["python3", "python"]
            .into_iter()
            .find(|p| Command::new(p).arg("--version").output().is_ok_and(|o| o.status.success()))
            .ok_or("no python3 found; install Python 3 (Debian: `apt-get install python3 python3-venv`)")?;
        let status =
            Command::new(python).args(["-m", "venv"]).arg(&venv).status().map_err(|e| format!("{python}: {e}"))?;
        if !status.success() {
            return Err(format!("`{python} -m venv {}` failed", venv.display()));
        }
    }
    eprintln!("setup: installing {} into the venv", requirements.display());
    let status = Command::new(venv.join("bin/python"))
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r"])
        .arg(&requirements)
        .status()
        .map_err(|e| format!("pip: {e}"))?;
    if !status.success() {
        return Err("installing the Alembic oracle's packages failed".to_owned());
    }
    std::fs::write(&stamp, wanted).map_err(|e| format!("{}: {e}", stamp.display()))
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
