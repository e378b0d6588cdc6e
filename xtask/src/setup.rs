//! `cargo xtask setup`: installs what the tests need, idempotently. Each step checks first
//! and installs only what is missing, so running it again is cheap.
//!
//! - PostgreSQL server binaries (Debian's `postgresql` package), for the oracle test.
//! - A project-local Python virtual environment `.venv` with the packages of
//!   `tests/sarif/requirements.txt` (the SARIF 2.1.0 schema and a validator) and
//!   `tests/alembic_oracle/requirements.txt` (the pinned Alembic and SQLAlchemy whose
//!   offline SQL is the Alembic oracle) and `tests/lsp/requirements.txt` (pytest-lsp, the
//!   client that drives the language-server test).
//! - Microsoft's `sarif-multitool` from npm, in the project-local `.tools/`.

#![expect(clippy::print_stderr, reason = "setup reports progress on stderr")]

use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) fn run(root: &Path) -> Result<(), String> {
    postgres()?;
    venv_requirements(root, "tests/sarif/requirements.txt")?;
    venv_requirements(root, "tests/alembic_oracle/requirements.txt")?;
    venv_requirements(root, "tests/lsp/requirements.txt")?;
    sarif_multitool(root)?;
    Ok(())
}

/// The version of `@microsoft/sarif-multitool` the SARIF test runs.
const SARIF_MULTITOOL: &str = "@microsoft/sarif-multitool@5.7.0";

/// Installs the requirements file `file` into `.venv`, creating it if needed, unless a
/// stamp shows the same file was installed before.
fn venv_requirements(root: &Path, file: &str) -> Result<(), String> {
    let requirements = root.join(file);
    let wanted = std::fs::read_to_string(&requirements).map_err(|e| format!("{}: {e}", requirements.display()))?;
    let venv = root.join(".venv");
    let stamp = venv.join(format!("installed-{}", file.replace('/', "-")));
    if venv.join("bin/python").exists() && std::fs::read_to_string(&stamp).is_ok_and(|have| have == wanted) {
        eprintln!("setup: {file} is installed in {}", venv.display());
        return Ok(());
    }
    if !venv.join("bin/python").exists() {
        eprintln!("setup: creating the Python venv {}", venv.display());
        let status =
            Command::new("python3").args(["-m", "venv"]).arg(&venv).status().map_err(|e| format!("python3: {e}"))?;
        if !status.success() {
            return Err(format!(
                "`python3 -m venv {}` failed (Debian: `apt-get install python3-venv`)",
                venv.display()
            ));
        }
    }
    eprintln!("setup: installing {file} into the venv");
    let status = Command::new(venv.join("bin/python"))
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r"])
        .arg(&requirements)
        .status()
        .map_err(|e| format!("pip: {e}"))?;
    if !status.success() {
        return Err(format!("installing {file} failed"));
    }
    std::fs::write(&stamp, wanted).map_err(|e| format!("{}: {e}", stamp.display()))
}

fn sarif_multitool(root: &Path) -> Result<(), String> {
    let tools = root.join(".tools");
    let binary = tools.join("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    let stamp = tools.join("installed-sarif-multitool");
    if binary.exists() && std::fs::read_to_string(&stamp).is_ok_and(|have| have == SARIF_MULTITOOL) {
        eprintln!("setup: {SARIF_MULTITOOL} found in {}", tools.display());
        return Ok(());
    }
    eprintln!("setup: installing {SARIF_MULTITOOL} into {}", tools.display());
    std::fs::create_dir_all(&tools).map_err(|e| format!("{}: {e}", tools.display()))?;
    let status = Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&tools)
        .arg(SARIF_MULTITOOL)
        .status()
        .map_err(|e| format!("npm: {e} (install Node.js and npm)"))?;
    if !status.success() || !binary.exists() {
        return Err(format!("installing {SARIF_MULTITOOL} failed"));
    }
    // npm 11 does not run the package's postinstall `chmod u+x` unless approved; do it here.
    {
        use std::os::unix::fs::PermissionsExt;
        let mut perms = std::fs::metadata(&binary).map_err(|e| e.to_string())?.permissions();
        perms.set_mode(perms.mode() | 0o755);
        std::fs::set_permissions(&binary, perms).map_err(|e| format!("{}: {e}", binary.display()))?;
    }
    std::fs::write(&stamp, SARIF_MULTITOOL).map_err(|e| format!("{}: {e}", stamp.display()))
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
