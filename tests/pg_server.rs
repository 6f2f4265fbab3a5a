//! A real PostgreSQL for the hub's tests and benchmark: Debian's `postgresql` package (installed
//! by `scripts/setup.sh --test`), its own data folder in a temp directory, a free port on
//! 127.0.0.1, one server per test process and a fresh database per test. TLS is on with a
//! self-signed certificate, as on Debian's default cluster; clients may still go without.
//!
//! PostgreSQL refuses to run as root, so under root the server runs as `nobody` (its folder
//! handed over to it). A static is never dropped, and a test process can die by SIGKILL or a
//! timeout, so the server is stopped by a watchdog instead: a detached shell that waits for
//! this process to end, then stops the server and removes its folder. A folder whose owner
//! died without its watchdog (the machine rebooted mid-run) is swept by the next run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

pub const ADMIN: &str = "kq_admin";
pub const ADMIN_PASSWORD: &str = "kq-admin-test-password";
const PREFIX: &str = "khachquen-pg-";
const OWNER_FILE: &str = "owner.pid";

pub struct Server {
    pub port: u16,
    /// The server's self-signed certificate (PEM), for clients that check it.
    pub cert: PathBuf,
}

/// The server's programs: `$KHACHQUEN_PG_BIN`, else the newest `/usr/lib/postgresql/*/bin`
/// (not whatever `pg_ctl` comes first on the PATH, which may be another version's).
fn bin_dir() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("KHACHQUEN_PG_BIN").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|e| format!("/usr/lib/postgresql: {e}"))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let version = e.file_name().to_string_lossy().parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin).ok_or_else(|| "no /usr/lib/postgresql/*/bin/initdb".into())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A command run as the server's user: `nobody` under root, else whoever runs the tests.
fn as_server_user(program: &Path, root: bool) -> Command {
    if root {
        let mut c = Command::new("runuser");
        c.args(["-u", "nobody", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn run(mut c: Command, what: &str) -> Result<(), String> {
    let out = c.output().map_err(|e| format!("{what}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{what}: {}{}", String::from_utf8_lossy(&out.stdout), {
            String::from_utf8_lossy(&out.stderr)
        }))
    }
}

/// Stops the servers of earlier runs whose test process is gone, and removes their folders.
fn sweep(bin: &Path, base: &Path, root: bool) {
    let Ok(entries) = std::fs::read_dir(base) else { return };
    for dir in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
        let named = dir.file_name().is_some_and(|n| n.to_string_lossy().starts_with(PREFIX));
        let Ok(owner) = std::fs::read_to_string(dir.join(OWNER_FILE)) else { continue };
        if !named || Path::new("/proc").join(owner.trim()).exists() {
            continue;
        }
        let mut stop = as_server_user(&bin.join("pg_ctl"), root);
        stop.args(["stop", "-m", "immediate", "-D"]).arg(dir.join("data"));
        let _ = stop.current_dir(&dir).stdout(Stdio::null()).stderr(Stdio::null()).status();
        let _ = std::fs::remove_dir_all(&dir);
    }
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// A certificate for 127.0.0.1 and localhost signed by its own key, in `dir/server.crt` and
/// `dir/server.key` (the server refuses a key others may read).
fn certificate(dir: &Path) -> Result<(), String> {
    let names = vec!["127.0.0.1".to_owned(), "localhost".to_owned()];
    let made = rcgen::generate_simple_self_signed(names).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("server.crt"), made.cert.pem()).map_err(|e| e.to_string())?;
    let key = dir.join("server.key");
    std::fs::write(&key, made.key_pair.serialize_pem()).map_err(|e| e.to_string())?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| e.to_string())
}

/// Makes the cluster in `dir/data`, owned by the server's user, with the hub owner's account
/// behind a password (so a wrong one can be tested).
fn init_cluster(bin: &Path, dir: &Path, root: bool) -> Result<(), String> {
    std::fs::write(dir.join("pw"), ADMIN_PASSWORD).map_err(|e| e.to_string())?;
    certificate(dir)?;
    if root {
        run(
            {
                let mut c = Command::new("chown");
                c.args(["-R", "nobody:nogroup"]).arg(dir);
                c
            },
            "chown",
        )?;
    }
    let mut c = as_server_user(&bin.join("initdb"), root);
    c.current_dir(dir).arg("-D").arg(dir.join("data"));
    c.args(["-U", ADMIN, "--auth-local=trust", "--auth-host=scram-sha-256"]);
    c.args(["-E", "UTF8", "--no-locale", "--no-sync"]);
    c.arg(format!("--pwfile={}", dir.join("pw").display()));
    run(c, "initdb")
}

fn start(bin: &Path, dir: &Path, root: bool, port: u16) -> Result<(), String> {
    // Durability is not under test here: the hub's transactions are, and they hold without it.
    // `$KHACHQUEN_PG_OPTIONS` adds settings, e.g. auto_explain to see where a push spends.
    let options = format!(
        "-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off \
         -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 \
         -c ssl=on -c ssl_cert_file='{cert}' -c ssl_key_file='{key}' {more}",
        cert = dir.join("server.crt").display(),
        key = dir.join("server.key").display(),
        more = std::env::var("KHACHQUEN_PG_OPTIONS").unwrap_or_default()
    );
    let mut c = as_server_user(&bin.join("pg_ctl"), root);
    c.current_dir(dir).args(["start", "-w", "-t", "60", "-D"]).arg(dir.join("data"));
    c.arg("-l").arg(dir.join("log")).args(["-o", &options]);
    run(c, "pg_ctl start")
}

/// A detached shell that outlives this process (its own session: a Ctrl-C or a timeout that
/// kills the test's process group leaves it running) and cleans up once it has gone.
fn watchdog(bin: &Path, dir: &Path, root: bool) -> Result<(), String> {
    let runas = if root { "runuser -u nobody -- " } else { "" };
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; \
         {runas}'{pg_ctl}' stop -m immediate -D '{data}'; rm -rf '{dir}'",
        pid = std::process::id(),
        pg_ctl = bin.join("pg_ctl").display(),
        data = dir.join("data").display(),
        dir = dir.display(),
    );
    Command::new("setsid")
        .args(["sh", "-c", &script])
        .current_dir("/")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| format!("watchdog: {e}"))
}

/// Where the server's folder goes: the temp directory, unless `nobody` cannot pass through it
/// (a private `$TMPDIR` of root's), then `/tmp`.
fn base(root: bool) -> PathBuf {
    let tmp = std::env::temp_dir();
    let passable = !root
        || Command::new("runuser")
            .args(["-u", "nobody", "--", "test", "-x"])
            .arg(&tmp)
            .status()
            .is_ok_and(|s| s.success());
    if passable {
        tmp
    } else {
        PathBuf::from("/tmp")
    }
}

fn launch() -> Result<Server, String> {
    let bin = bin_dir()?;
    let root = is_root();
    let base = base(root);
    sweep(&bin, &base, root);
    let dir = tempfile::Builder::new()
        .prefix(PREFIX)
        .tempdir_in(&base)
        .map_err(|e| format!("{}: {e}", base.display()))?;
    let dir = dir.keep();
    std::fs::write(dir.join(OWNER_FILE), std::process::id().to_string())
        .map_err(|e| e.to_string())?;
    watchdog(&bin, &dir, root)?;
    init_cluster(&bin, &dir, root)?;
    let mut last = String::new();
    // A port found free can be taken before the server binds it: try another.
    for _ in 0..3 {
        let port = free_port()?;
        match start(&bin, &dir, root, port) {
            Ok(()) => return Ok(Server { port, cert: dir.join("server.crt") }),
            Err(e) => last = e,
        }
    }
    let log = std::fs::read_to_string(dir.join("log")).unwrap_or_default();
    Err(format!("{last}\n{log}"))
}

/// The process's server, started on first use.
pub fn server() -> &'static Server {
    static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();
    match SERVER.get_or_init(launch) {
        Ok(s) => s,
        Err(e) => panic!("PostgreSQL could not start (scripts/setup.sh --test installs it): {e}"),
    }
}

impl Server {
    pub fn url(&self, database: &str) -> String {
        format!("postgres://{ADMIN}:{ADMIN_PASSWORD}@127.0.0.1:{}/{database}", self.port)
    }
}

/// A new, empty database on the process's server; returns the hub owner's URL to it.
pub fn fresh_db() -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    let s = server();
    let name = format!("hub_{}", N.fetch_add(1, Ordering::Relaxed));
    let mut admin = postgres::Client::connect(&s.url("postgres"), postgres::NoTls)
        .unwrap_or_else(|e| panic!("the test server takes connections: {e}"));
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
    s.url(&name)
}
