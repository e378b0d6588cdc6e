//! A private PostgreSQL cluster for tests: initdb into a fresh temporary directory, a server
//! on 127.0.0.1 with its own port and unix socket directory, stopped and removed on drop.
//!
//! The tests talk to it with the `psql` command-line client rather than a client crate, so
//! the workspace gains no dependency for one test, and statements run exactly as a human
//! running a migration file with psql would run them (autocommit per statement, so
//! `CREATE INDEX CONCURRENTLY` works unless the file itself opens a transaction).
//!
//! The server binaries come from the newest `/usr/lib/postgresql/<version>/bin`, where
//! Debian's packages put them and where `cargo xtask setup` installs them. When they are
//! missing the test fails and says so: an oracle that skips itself proves nothing.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The account that owns the cluster's files when the tests run as root; initdb and the
/// server refuse to run as root.
const SERVICE_USER: &str = "postgres";

/// The newest `/usr/lib/postgresql/<version>/bin` that has `initdb` (the same rule as
/// `xtask/src/setup.rs`, which cannot be shared with a test target).
pub(crate) fn server_bin() -> Option<PathBuf> {
    let mut dirs: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let version = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            (bin.join("initdb").exists() && bin.join("pg_ctl").exists()).then_some((version, bin))
        })
        .collect();
    dirs.sort();
    dirs.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A running cluster; dropping it stops the server and removes its directory.
pub(crate) struct Cluster {
    bin: PathBuf,
    /// Holds the data directory, the log and the unix socket.
    base: PathBuf,
    port: u16,
    run_as_service_user: bool,
    databases: std::cell::Cell<usize>,
}

impl Cluster {
    /// Starts a fresh cluster, or panics with what to do about it.
    pub(crate) fn start() -> Cluster {
        let Some(bin) = server_bin() else {
            panic!(
                "the PostgreSQL oracle needs the PostgreSQL server binaries, and none were found in \
                 /usr/lib/postgresql/<version>/bin; run `cargo xtask setup` to install them"
            );
        };
        let run_as_service_user = is_root();
        // The socket path must stay under the 107 bytes a unix socket address holds, so the
        // directory sits directly in /tmp rather than wherever TMPDIR points.
        let base = unique_dir();
        std::fs::create_dir_all(&base).expect("create the cluster directory");
        if run_as_service_user {
            let status = Command::new("chown")
                .arg(format!("{SERVICE_USER}:{SERVICE_USER}"))
                .arg(&base)
                .status()
                .expect("run chown");
            assert!(status.success(), "cannot give {} to the `{SERVICE_USER}` user", base.display());
        }
        let mut cluster = Cluster { bin, base, port: 0, run_as_service_user, databases: std::cell::Cell::new(0) };
        let data = cluster.base.join("data");
        let out = cluster.server_command("initdb").arg("-D").arg(&data).args(INITDB_ARGS).output().expect("run initdb");
        assert!(out.status.success(), "initdb failed:\n{}", String::from_utf8_lossy(&out.stderr));

        // A free port can be taken between choosing it and the server binding it; try again
        // with another port a few times before giving up.
        let mut last_error = String::new();
        for _ in 0..5 {
            cluster.port = free_port();
            let options = format!(
                "-c listen_addresses=127.0.0.1 -p {} -k {} -c fsync=off -c full_page_writes=off \
                 -c synchronous_commit=off -c TimeZone=UTC -c lc_messages=C",
                cluster.port,
                cluster.base.display()
            );
            let out = cluster
                .server_command("pg_ctl")
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(cluster.base.join("server.log"))
                .args(["-w", "-t", "60", "-o", &options, "start"])
                .output()
                .expect("run pg_ctl start");
            if out.status.success() {
                return cluster;
            }
            last_error = format!(
                "{}\n{}",
                String::from_utf8_lossy(&out.stderr),
                std::fs::read_to_string(cluster.base.join("server.log")).unwrap_or_default()
            );
        }
        panic!("the PostgreSQL server did not start:\n{last_error}");
    }

    /// A command running one of the server binaries, as the service user when we are root.
    fn server_command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.run_as_service_user {
            let mut c = Command::new("runuser");
            c.args(["-u", SERVICE_USER, "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    /// `psql` connected to `database`, stopping at the first error and reading no
    /// `.psqlrc`.
    fn psql(&self, database: &str) -> Command {
        let psql = self.bin.join("psql");
        let mut c = Command::new(if psql.exists() { psql } else { PathBuf::from("psql") });
        c.args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-U", "postgres", "-d", database])
            .arg("-h")
            .arg(&self.base)
            .arg("-p")
            .arg(self.port.to_string())
            .env("PGOPTIONS", "-c client_min_messages=warning")
            .env_remove("PGPASSWORD")
            .env_remove("PGSERVICE");
        c
    }

    /// Creates an empty database and returns its name.
    pub(crate) fn create_database(&self) -> String {
        let n = self.databases.get();
        self.databases.set(n + 1);
        let name = format!("oracle_{n}");
        self.execute("postgres", format!("CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'"))
            .unwrap_or_else(|e| panic!("cannot create a database: {e}"));
        name
    }

    /// Runs `sql` as a script (statements in autocommit, as `psql -f` runs a file).
    pub(crate) fn execute(&self, database: &str, sql: impl AsRef<[u8]>) -> Result<(), String> {
        let out = self.run_script(database, sql.as_ref(), &[]);
        if out.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&out.stderr).into_owned()) }
    }

    /// Runs a query and returns its rows unaligned, tuples only (`-At`).
    pub(crate) fn query(&self, database: &str, sql: &str) -> Result<String, String> {
        let out = self.run_script(database, sql.as_bytes(), &["-A", "-t"]);
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }

    fn run_script(&self, database: &str, sql: &[u8], extra: &[&str]) -> Output {
        let mut child = self
            .psql(database)
            .args(extra)
            .args(["-f", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run psql");
        // psql reads the whole script before it exits, so writing it all first cannot
        // deadlock on a full output pipe unless the script is enormous.
        child.stdin.take().expect("psql stdin").write_all(sql).expect("write to psql");
        child.wait_with_output().expect("wait for psql")
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.base.join("data");
        if self.port != 0 {
            let _ = self.server_command("pg_ctl").arg("-D").arg(&data).args(["-m", "fast", "-w", "stop"]).output();
        }
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

/// `--no-sync` and `--no-locale` keep initdb fast and its behaviour the same on every
/// machine; trust authentication is safe because the server listens only on 127.0.0.1
/// and a private socket directory, and lives for one test run.
const INITDB_ARGS: &[&str] = &["-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"];

fn unique_dir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let dir = PathBuf::from(format!("/tmp/sg-pg-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    listener.local_addr().expect("local address").port()
}
