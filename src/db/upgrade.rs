//! Upgrades keep the data. Before a newer build migrates a database an older one wrote, a
//! verified copy of it goes into `nang-cap/` beside it, under a name a shop owner can read
//! (`truoc-nang-cap-v14-den-v15-2026-11-29-1712.sqlite`); if that copy cannot be made, nothing
//! is migrated. A migration that fails, or leaves a file that does not check out, is followed by
//! a look at the file: when it is not exactly as it was, the copy is put back.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use super::migrate;
use crate::error::{Error, Result};

/// The folder beside the database that holds the copies taken before upgrades.
pub const FOLDER: &str = "nang-cap";
const PREFIX: &str = "truoc-nang-cap-";
const EXT: &str = ".sqlite";
/// Copies kept: upgrades are rare, and each copy is as large as the shop's data.
pub const KEEP: usize = 3;

/// Brings `conn` (the file at `db_path`) to `migrations.len()`, keeping a copy first when the
/// file holds data of an older version.
pub(super) fn run(
    mut conn: Connection,
    db_path: &Path,
    migrations: &[&str],
    now: DateTime<Utc>,
) -> Result<Connection> {
    let (from, to) = (migrate::schema_version(&conn)?, migrations.len() as i64);
    // A new file has nothing to keep; a current one nothing to do; a newer one is refused there.
    if from == 0 || from >= to {
        migrate::apply(&mut conn, migrations)?;
        return Ok(conn);
    }
    let dir = folder_of(db_path);
    let copy = keep_copy(&conn, &dir, from, to, now)
        .map_err(|e| Error::upgrade("upgrade_backup_failed", &dir, e))?;
    let done = migrate::apply(&mut conn, migrations).map_err(|e| e.to_string()).and_then(|_| {
        upgraded(&conn, to, &copy).map_err(|why| format!("after the migrations, {why}"))
    });
    match done {
        Ok(()) => Ok(conn),
        Err(failed) => Err(recover(conn, db_path, &copy, from, &failed)),
    }
}

/// Where the copies for the database at `db_path` go.
pub fn folder_of(db_path: &Path) -> PathBuf {
    let dir = db_path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    dir.join(FOLDER)
}

/// After a failed upgrade: the error to show, once the file is as it was before (checked, and
/// put back from `copy` when it is not).
fn recover(conn: Connection, db_path: &Path, copy: &Path, from: i64, failed: &str) -> Error {
    if sound(&conn, from, "integrity_check").is_ok() {
        return Error::upgrade("upgrade_failed", copy, failed);
    }
    // Closed before its pages are written over: nothing of ours still holds the file as it is.
    drop(conn);
    match put_back(copy, db_path, from) {
        Ok(()) => {
            Error::upgrade("upgrade_failed", copy, format!("{failed}; restored from the copy"))
        }
        Err(e) => Error::upgrade("upgrade_restore_failed", copy, format!("{failed}; then {e}")),
    }
}

/// Whether the open database is at `version` and passes `check` (`integrity_check`, or the
/// page-level `quick_check`).
fn sound(conn: &Connection, version: i64, check: &str) -> Result<(), String> {
    let found = migrate::schema_version(conn).map_err(|e| e.to_string())?;
    if found != version {
        return Err(format!("the schema is at version {found}, not {version}"));
    }
    let found: Vec<String> = conn
        .prepare(&format!("PRAGMA {check}"))
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| e.to_string())?;
    if found != ["ok"] {
        return Err(format!("{check}: {}", found.join("; ")));
    }
    Ok(())
}

/// After the migrations: the new version, `quick_check`, and no row without a parent that the
/// copy did not have already. The full check of the copy has just read every page; the
/// migrations' writes are SQLite's own, and on a million customers the full check again would
/// add about as long as the rest of the upgrade.
fn upgraded(conn: &Connection, to: i64, copy: &Path) -> Result<(), String> {
    sound(conn, to, "quick_check")?;
    let now = dangling(conn).map_err(|e| e.to_string())?;
    if now > 0 {
        let before = Connection::open_with_flags(copy, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| dangling(&c))
            .map_err(|e| e.to_string())?;
        if now > before {
            return Err(format!("{now} rows lost their parent (there were {before})"));
        }
    }
    Ok(())
}

/// Rows whose parent row is missing.
fn dangling(conn: &Connection) -> rusqlite::Result<usize> {
    conn.prepare("PRAGMA foreign_key_check")?.query_map([], |_| Ok(()))?.try_fold(0, |n, r| {
        r?;
        Ok(n + 1)
    })
}

/// Writes the copy of the database at version `from` into `dir`, checks it, and returns its
/// path.
fn keep_copy(
    conn: &Connection,
    dir: &Path,
    from: i64,
    to: i64,
    now: DateTime<Utc>,
) -> Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let dest = free_name(dir, from, to, now);
    let mut partial = dest.clone().into_os_string();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let _ = std::fs::remove_file(&partial);
    if let Err(e) = write_copy(conn, &partial).and_then(|_| check_copy(&partial, from)) {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    // On disk before it takes its name: a power cut leaves no copy or a whole one. Opened for
    // writing, as Windows refuses to flush a read-only handle.
    std::fs::OpenOptions::new().write(true).open(&partial)?.sync_all()?;
    std::fs::rename(&partial, &dest)?;
    let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    rotate(dir)?;
    Ok(dest)
}

/// `truoc-nang-cap-v14-den-v15-2026-11-29-1712.sqlite` in shop time, `-2`, `-3`… when an upgrade
/// was already tried that minute.
fn free_name(dir: &Path, from: i64, to: i64, now: DateTime<Utc>) -> PathBuf {
    let stamp = now.with_timezone(&crate::clock::vietnam()).format("%Y-%m-%d-%H%M");
    let base = format!("{PREFIX}v{from}-den-v{to}-{stamp}");
    let mut dest = dir.join(format!("{base}{EXT}"));
    let mut n = 1;
    while dest.exists() {
        n += 1;
        dest = dir.join(format!("{base}-{n}{EXT}"));
    }
    dest
}

/// SQLite's online backup, all pages in one step: one consistent snapshot, even of a file in
/// WAL mode that another process is using, which a file copy would not be.
fn write_copy(conn: &Connection, dest: &Path) -> Result<()> {
    let mut out = Connection::open(dest)?;
    {
        let backup = rusqlite::backup::Backup::new(conn, &mut out)?;
        super::pages::copy_all(&backup)?;
    }
    // One self-contained file the shop can copy or open elsewhere, not a WAL pair.
    out.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0))?;
    Ok(())
}

/// The copy opens, passes SQLite's integrity check and is at `version`.
fn check_copy(path: &Path, version: i64) -> Result<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    // Read once from end to end, as a backup's check does: a large cache keeps the index checks
    // off the disk, and a memory map saves copying every page.
    conn.execute_batch("PRAGMA cache_size = -262144; PRAGMA mmap_size = 2147483648")?;
    sound(&conn, version, "integrity_check").map_err(Error::NotADatabase)
}

/// Writes the copy's pages over the database at `db_path`, in place (nothing is renamed or
/// deleted, which Windows refuses while any handle is open), and checks the result.
fn put_back(copy: &Path, db_path: &Path, version: i64) -> Result<()> {
    let src = Connection::open_with_flags(copy, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut target = Connection::open(db_path)?;
    target.busy_timeout(std::time::Duration::from_secs(5))?;
    {
        let backup = rusqlite::backup::Backup::new(&src, &mut target)?;
        super::pages::copy_all(&backup)?;
    }
    sound(&target, version, "integrity_check").map_err(Error::NotADatabase)
}

/// Keeps the newest [`KEEP`] copies in `dir`.
fn rotate(dir: &Path) -> Result<()> {
    let mut copies: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(PREFIX) && name.ends_with(EXT)
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    copies.sort_by(|a, b| b.cmp(a));
    for (_, old) in copies.into_iter().skip(KEEP) {
        std::fs::remove_file(old)?;
    }
    Ok(())
}
