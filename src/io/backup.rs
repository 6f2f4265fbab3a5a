//! Backups: SQLite's online backup into a folder (the app's own, or a USB or network drive),
//! each verified before it counts, rotated to 7 daily, 4 weekly and 12 monthly copies; and
//! restores that refuse anything but a sound Khách Quen database this version can read,
//! keeping a safety copy of the database they replace.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use crate::clock::vietnam;
use crate::db::{Db, MIGRATIONS};
use crate::error::{Error, Result};

const PREFIX: &str = "khachquen-";
const SAFETY_PREFIX: &str = "before-restore-";
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
pub const KEEP_MONTHLY: usize = 12;
/// Far longer than any backup takes, even of a large shop on a slow USB stick.
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(600);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupFile {
    pub path: String,
    /// Shop time of the copy, `yyyy-MM-dd HH:mm:ss`.
    pub taken_at: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

fn stamp_of(name: &str) -> Option<NaiveDateTime> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(".db")?;
    NaiveDateTime::parse_from_str(rest, "%Y%m%d-%H%M%S").ok()
}

/// The backups in `dir`, newest first.
pub fn list(dir: &Path) -> Result<Vec<BackupFile>> {
    let mut out: Vec<(NaiveDateTime, BackupFile)> = Vec::new();
    if !dir.exists() {
        return Ok(vec![]);
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(t) = stamp_of(&name) {
            out.push((
                t,
                BackupFile {
                    path: entry.path().display().to_string(),
                    taken_at: t.format("%Y-%m-%d %H:%M:%S").to_string(),
                    bytes: entry.metadata()?.len(),
                },
            ));
        }
    }
    out.sort_by_key(|x| std::cmp::Reverse(x.0));
    Ok(out.into_iter().map(|(_, f)| f).collect())
}

/// Checks that `path` is a sound Khách Quen database this version can open, without writing to
/// it: integrity, the tables that make it ours, and a schema no newer than this build's.
pub fn verify(path: &Path) -> Result<i64> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| Error::NotABackup(e.to_string()))?;
    let not_ours = |e: rusqlite::Error| Error::NotABackup(e.to_string());
    // The whole file is read once: a larger cache keeps the index checks off the disk, and
    // reading through a memory map saves copying every page (about 1 s of 9 on 1M customers).
    conn.execute_batch("PRAGMA cache_size = -262144; PRAGMA mmap_size = 2147483648")
        .map_err(not_ours)?;
    let ok: String =
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(not_ours)?;
    if ok != "ok" {
        return Err(Error::NotABackup(format!("integrity check: {ok}")));
    }
    let ours: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('customer', 'setting', 'audit_log')",
            [],
            |r| r.get(0),
        )
        .map_err(not_ours)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(not_ours)?;
    if ours != 3 || version < 1 {
        return Err(Error::NotABackup("not a Khách Quen database".into()));
    }
    let supported = MIGRATIONS.len() as i64;
    if version > supported {
        return Err(Error::SchemaTooNew { found: version, supported });
    }
    Ok(version)
}

/// Copies `src` into a new file at `dest` through SQLite's online backup (readers and writers
/// keep working), written beside it first and renamed once verified, so a crash or a full
/// disk never leaves a file that looks like a backup.
fn copy(src: &Connection, dest: &Path) -> Result<()> {
    let partial = dest.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    {
        let mut out = Connection::open(&partial)?;
        {
            // All pages in one step: one read transaction, so the copy is a single snapshot
            // even while the app writes (WAL readers do not block writers).
            let backup = rusqlite::backup::Backup::new(src, &mut out)?;
            all_pages(&backup)?;
        }
        // The copy inherits the live file's WAL mode: a backup is one self-contained file.
        out.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0))?;
    }
    if let Err(e) = verify(&partial) {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    // On disk before it takes the backup's name, and the name on disk too: a power cut then
    // leaves either no backup or a whole one.
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, dest)?;
    if let Some(parent) = dest.parent() {
        // Directories cannot be opened for syncing everywhere (Windows): best effort.
        let _ = std::fs::File::open(parent).and_then(|d| d.sync_all());
    }
    Ok(())
}

/// A copy killed half-way leaves `….partial` (and its journal) behind. Removed once old
/// enough that no backup running now can still be writing it.
fn clear_leftovers(dir: &Path, now: std::time::SystemTime) -> Result<usize> {
    let mut removed = 0;
    for entry in std::fs::read_dir(dir)?.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with(PREFIX) || name.starts_with(SAFETY_PREFIX);
        if !ours || !name.contains(".partial") {
            continue;
        }
        let age = entry.metadata()?.modified().ok().and_then(|m| now.duration_since(m).ok());
        if age.is_some_and(|a| a >= LEFTOVER_AGE) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

/// Copies every page in one step (retrying while the source is briefly locked).
fn all_pages(backup: &rusqlite::backup::Backup) -> Result<()> {
    use rusqlite::backup::StepResult;
    for _ in 0..600 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ => std::thread::sleep(std::time::Duration::from_millis(50)),
        }
    }
    Err(Error::Sqlite(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        Some("the database stayed locked during the backup".into()),
    )))
}

fn file_name(prefix: &str, now: DateTime<Utc>) -> String {
    format!("{prefix}{}.db", now.with_timezone(&vietnam()).format("%Y%m%d-%H%M%S"))
}

/// Backs the database up into `dir` and rotates the folder; returns the new backup.
pub fn backup(db: &Db, dir: &Path, now: DateTime<Utc>) -> Result<BackupFile> {
    backup_from(db.conn(), dir, now)
}

/// The same from a connection of its own on the file at `db_path`: in WAL mode it reads a
/// consistent snapshot while the counter keeps reading and writing through the app's.
pub fn backup_file(db_path: &Path, dir: &Path, now: DateTime<Utc>) -> Result<BackupFile> {
    let conn = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    backup_from(&conn, dir, now)
}

fn backup_from(src: &Connection, dir: &Path, now: DateTime<Utc>) -> Result<BackupFile> {
    std::fs::create_dir_all(dir)?;
    clear_leftovers(dir, std::time::SystemTime::now())?;
    let mut dest = dir.join(file_name(PREFIX, now));
    let mut n = 1;
    while dest.exists() {
        n += 1;
        // Two backups in the same second (a manual one right after the daily one).
        dest = dir.join(file_name(PREFIX, now + chrono::Duration::seconds(n)));
    }
    copy(src, &dest)?;
    rotate(dir)?;
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(BackupFile {
        path: dest.display().to_string(),
        taken_at: stamp_of(&name)
            .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_default(),
        bytes: std::fs::metadata(&dest)?.len(),
    })
}

/// Which backups to keep: the newest of each of the last 7 days that have one, of the last 4
/// ISO weeks, and of the last 12 months.
pub fn keep(stamps: &[NaiveDateTime]) -> BTreeSet<NaiveDateTime> {
    let mut sorted: Vec<NaiveDateTime> = stamps.to_vec();
    sorted.sort_by_key(|t| std::cmp::Reverse(*t));
    let mut kept = BTreeSet::new();
    let mut pick = |key: &dyn Fn(&NaiveDateTime) -> (i32, u32, u32), limit: usize| {
        let mut seen = Vec::new();
        for t in &sorted {
            let k = key(t);
            if !seen.contains(&k) {
                if seen.len() == limit {
                    break;
                }
                seen.push(k);
                kept.insert(*t);
            }
        }
    };
    pick(&|t| (t.year(), t.month(), t.day()), KEEP_DAILY);
    pick(&|t| (t.iso_week().year(), t.iso_week().week(), 0), KEEP_WEEKLY);
    pick(&|t| (t.year(), t.month(), 0), KEEP_MONTHLY);
    kept
}

/// Deletes the backups the rotation no longer keeps; returns how many.
pub fn rotate(dir: &Path) -> Result<usize> {
    let files: Vec<(NaiveDateTime, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| stamp_of(&e.file_name().to_string_lossy()).map(|t| (t, e.path())))
        .collect();
    let kept = keep(&files.iter().map(|(t, _)| *t).collect::<Vec<_>>());
    let mut removed = 0;
    for (t, path) in files {
        if !kept.contains(&t) {
            std::fs::remove_file(path)?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Replaces the database at `db_path` with `backup`, after verifying it and copying the current
/// database to `safety_dir`. Returns the safety copy. An older backup is brought up to date
/// by the migrations the next time the database opens.
pub fn restore(
    db_path: &Path,
    backup: &Path,
    safety_dir: &Path,
    now: DateTime<Utc>,
) -> Result<PathBuf> {
    verify(backup)?;
    std::fs::create_dir_all(safety_dir)?;
    let safety = safety_dir.join(file_name(SAFETY_PREFIX, now));
    let mut live = Connection::open(db_path)?;
    live.busy_timeout(std::time::Duration::from_secs(5))?;
    if db_path.exists() && std::fs::metadata(db_path)?.len() > 0 {
        copy(&live, &safety)?;
    }
    let src = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    {
        let b = rusqlite::backup::Backup::new(&src, &mut live)?;
        b.run_to_completion(1024, std::time::Duration::ZERO, None)?;
    }
    let ok: String = live.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(Error::NotABackup(format!("after restore: {ok}")));
    }
    Ok(safety)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CheckReport {
    /// `ok`, or what `integrity_check` found.
    pub integrity: Vec<String>,
    /// Rows whose parent is missing: `table rowid → parent`.
    pub foreign_keys: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity == ["ok"] && self.foreign_keys.is_empty()
    }
}

/// Integrity and foreign keys of the open database.
pub fn check(conn: &Connection) -> Result<CheckReport> {
    let integrity = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let foreign_keys = conn
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |r| {
            Ok(format!(
                "{} {} → {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                r.get::<_, String>(2)?
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(CheckReport { integrity, foreign_keys })
}

const FOLDER_KEY: &str = "backup.dir";

/// Where backups go: the folder the shop chose (a USB or network drive), else `backups` in the
/// data folder.
pub fn folder(conn: &Connection, data_dir: &Path) -> Result<PathBuf> {
    use rusqlite::OptionalExtension;
    let chosen: Option<String> = conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [FOLDER_KEY], |r| r.get(0))
        .optional()?;
    Ok(chosen.filter(|d| !d.is_empty()).map_or_else(|| data_dir.join("backups"), PathBuf::from))
}

/// Chooses the backup folder; it must be an absolute path the app can write to (checked by
/// writing a file there). Empty goes back to the default.
pub fn set_folder(db: &mut Db, dir: &str, staff: &str, now: DateTime<Utc>) -> Result<()> {
    let dir = dir.trim();
    if !dir.is_empty() {
        let path = Path::new(dir);
        if !path.is_absolute() {
            return Err(Error::invalid("dir", "folder_not_absolute"));
        }
        let probe = path.join(".khachquen-write-test");
        let writable = std::fs::create_dir_all(path).and_then(|_| std::fs::write(&probe, b"ok"));
        let _ = std::fs::remove_file(&probe);
        if writable.is_err() {
            return Err(Error::invalid("dir", "folder_unwritable"));
        }
    }
    db.write(|tx| {
        tx.execute(
            "INSERT INTO setting(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [FOLDER_KEY, dir],
        )?;
        crate::audit::record(tx, now, staff, "save", "backup_folder", 0, serde_json::json!({ "dir": dir }))
    })
}

/// Whether today (shop time) has no backup in `dir` yet.
pub fn due(dir: &Path, now: DateTime<Utc>) -> Result<bool> {
    let today = crate::clock::local_date(now).format("%Y-%m-%d").to_string();
    Ok(!list(dir)?.first().is_some_and(|b| b.taken_at.starts_with(&today)))
}

/// The backup section of Settings: the folder and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupInfo {
    pub folder: String,
    /// Empty when the default folder is used.
    pub chosen: String,
    pub backups: Vec<BackupFile>,
}

pub fn info(conn: &Connection, data_dir: &Path) -> Result<BackupInfo> {
    let folder = folder(conn, data_dir)?;
    let chosen = if folder == data_dir.join("backups") {
        String::new()
    } else {
        folder.display().to_string()
    };
    Ok(BackupInfo { folder: folder.display().to_string(), chosen, backups: list(&folder)? })
}
