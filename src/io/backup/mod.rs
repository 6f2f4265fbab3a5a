//! Backups: SQLite's online backup into a folder (the app's own, or a USB or network drive,
//! where they are encrypted), each verified before it counts, rotated to 7 daily, 4 weekly
//! and 12 monthly copies; and restores, the owner's alone, that refuse anything but a sound,
//! unaltered Khách Quen database this version can read, keeping a safety copy of the database
//! they replace.
//!
//! Taking a backup needs `take_backup` (or is the app's own: the daily one, the one on exit)
//! and leaves an audit row `backup`.

mod crypt;
mod folder;
mod restore;
mod verify;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use crate::clock::vietnam;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::staff::{Actor, Permission};

pub use crypt::{has_passphrase, set_passphrase, MIN_PASSPHRASE};
pub use folder::{due, folder, info, set_folder, BackupInfo};
pub use restore::{restore, Restored, RESTORE_LOG};
pub use verify::verify;

const PREFIX: &str = "khachquen-";
const SAFETY_PREFIX: &str = "before-restore-";
const PLAIN: &str = ".db";
const SEALED: &str = ".db.age";
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
pub const KEEP_MONTHLY: usize = 12;
/// Far longer than any backup takes, even of a large shop on a slow USB stick.
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(600);
/// What `Forbidden` names for what only the owner may do: restore, choose the backup folder,
/// set its passphrase, set how long exports are kept.
pub const OWNER_ONLY: &str = "owner_only";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupFile {
    pub path: String,
    /// Shop time of the copy, `yyyy-MM-dd HH:mm:ss`.
    pub taken_at: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Written outside the data folder: a restore asks for the passphrase.
    pub encrypted: bool,
}

/// The time in a backup's (or safety copy's) name, and whether it is encrypted.
fn stamp_of(prefix: &str, name: &str) -> Option<(NaiveDateTime, bool)> {
    let rest = name.strip_prefix(prefix)?;
    let (stamp, encrypted) = match rest.strip_suffix(SEALED) {
        Some(s) => (s, true),
        None => (rest.strip_suffix(PLAIN)?, false),
    };
    NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok().map(|t| (t, encrypted))
}

fn described(path: &Path, t: NaiveDateTime, encrypted: bool) -> Result<BackupFile> {
    Ok(BackupFile {
        path: path.display().to_string(),
        taken_at: t.format("%Y-%m-%d %H:%M:%S").to_string(),
        bytes: std::fs::metadata(path)?.len(),
        encrypted,
    })
}

/// The backups in `dir` (plain and encrypted), newest first.
pub fn list(dir: &Path) -> Result<Vec<BackupFile>> {
    let mut out: Vec<(NaiveDateTime, BackupFile)> = Vec::new();
    if !dir.exists() {
        return Ok(vec![]);
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((t, encrypted)) = stamp_of(PREFIX, &name) {
            out.push((t, described(&entry.path(), t, encrypted)?));
        }
    }
    out.sort_by_key(|x| std::cmp::Reverse(x.0));
    Ok(out.into_iter().map(|(_, f)| f).collect())
}

fn partial_of(dest: &Path) -> PathBuf {
    dest.with_extension("partial")
}

/// Copies `src` into a new file at `dest` through SQLite's online backup (readers and writers
/// keep working), written beside it first and renamed once verified, so a crash or a full
/// disk never leaves a file that looks like a backup. `quick` checks the copy with
/// `quick_check` instead of the full `integrity_check` (the safety copy of a restore).
fn copy(src: &Connection, dest: &Path, quick: bool) -> Result<()> {
    let partial = partial_of(dest);
    let _ = std::fs::remove_file(&partial);
    {
        let mut out = Connection::open(&partial)?;
        {
            // All pages in one step: one read transaction, so the copy is a single snapshot
            // even while the app writes (WAL readers do not block writers).
            let backup = rusqlite::backup::Backup::new(src, &mut out)?;
            crate::db::pages::copy_all(&backup)?;
        }
        // The copy inherits the live file's WAL mode: a backup is one self-contained file.
        out.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0))?;
    }
    let checked = if quick { verify::verify_quick(&partial) } else { verify(&partial) };
    if let Err(e) = checked {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    // On disk before it takes the backup's name, and the name on disk too: a power cut then
    // leaves either no backup or a whole one. Opened for writing: Windows refuses to flush a
    // read-only handle ("Access denied").
    std::fs::OpenOptions::new().write(true).open(&partial)?.sync_all()?;
    std::fs::rename(&partial, dest)?;
    sync_dir(dest);
    Ok(())
}

fn sync_dir(file: &Path) {
    if let Some(parent) = file.parent() {
        // Directories cannot be opened for syncing everywhere (Windows): best effort.
        let _ = std::fs::File::open(parent).and_then(|d| d.sync_all());
    }
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

fn file_name(prefix: &str, now: DateTime<Utc>, ext: &str) -> String {
    format!("{prefix}{}{ext}", now.with_timezone(&vietnam()).format("%Y%m%d-%H%M%S"))
}

/// The settings of this machine's backups rather than of the shop's data: a restore keeps the
/// ones in force.
fn machine_settings() -> [&'static str; 4] {
    let [recipient, sealed] = crypt::KEY_SETTINGS;
    [recipient, sealed, folder::FOLDER_KEY, crate::io::retention::DAYS_KEY]
}

/// The folder the database file is in (none for an in-memory database).
fn data_dir_of(conn: &Connection) -> Option<PathBuf> {
    conn.path().filter(|p| !p.is_empty()).and_then(|p| Path::new(p).parent().map(Path::to_owned))
}

/// Whether `dir` lies outside the data folder: a USB stick, a network drive. Backups there are
/// encrypted. An in-memory database has no data folder and no outside.
fn outside(dir: &Path, data_dir: Option<&Path>) -> bool {
    let Some(data) = data_dir else { return false };
    !canonical(dir).starts_with(canonical(data))
}

/// `path` with its links resolved, as far as it exists (a folder not yet made keeps the rest of
/// its path as written).
fn canonical(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut base = path;
    loop {
        if let Ok(mut found) = base.canonicalize() {
            found.extend(rest.iter().rev());
            return found;
        }
        match (base.parent(), base.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                base = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// A backup written and verified, not yet in the audit log: [`Taken::record`] writes its row
/// and is the only way to its [`BackupFile`].
#[must_use = "a backup counts once its audit row is written: call `record`"]
pub struct Taken {
    file: BackupFile,
    by: String,
}

impl Taken {
    pub fn record(self, db: &mut Db, now: DateTime<Utc>) -> Result<BackupFile> {
        db.write(|tx| {
            crate::audit::record(
                tx,
                now,
                &self.by,
                "backup",
                "backup",
                0,
                serde_json::json!({ "file": self.file.path, "encrypted": self.file.encrypted }),
            )
        })?;
        Ok(self.file)
    }
}

/// Backs the database up into `dir`, rotates the folder and records the audit row. `who` is
/// the account asking (it needs `take_backup`); `None` is the app's own backup.
pub fn backup(
    db: &mut Db,
    dir: &Path,
    who: Option<&Actor>,
    now: DateTime<Utc>,
) -> Result<BackupFile> {
    let data_dir = data_dir_of(db.conn());
    let taken = take_from(db.conn(), data_dir.as_deref(), dir, who, now)?;
    taken.record(db, now)
}

/// The same from a connection of its own on the file at `db_path`: in WAL mode it reads a
/// consistent snapshot while the counter keeps reading and writing through the app's, which
/// then records it (a short write).
pub fn take(db_path: &Path, dir: &Path, who: Option<&Actor>, now: DateTime<Utc>) -> Result<Taken> {
    let conn = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    take_from(&conn, db_path.parent(), dir, who, now)
}

fn take_from(
    src: &Connection,
    data_dir: Option<&Path>,
    dir: &Path,
    who: Option<&Actor>,
    now: DateTime<Utc>,
) -> Result<Taken> {
    if let Some(actor) = who {
        actor.require(Permission::TakeBackup)?;
    }
    std::fs::create_dir_all(dir)?;
    let keys = if outside(dir, data_dir) {
        Some(crypt::keys(src)?.ok_or_else(|| Error::backup("passphrase_not_set", ""))?)
    } else {
        None
    };
    let ext = if keys.is_some() { SEALED } else { PLAIN };
    clear_leftovers(dir, std::time::SystemTime::now())?;
    let mut dest = dir.join(file_name(PREFIX, now, ext));
    let mut n = 1;
    while dest.exists() {
        n += 1;
        // Two backups in the same second (a manual one right after the daily one).
        dest = dir.join(file_name(PREFIX, now + chrono::Duration::seconds(n), ext));
    }
    match (&keys, data_dir) {
        (Some(keys), Some(data)) => {
            // The clear copy stays in the data folder, verified there, and only its encrypted
            // form goes out.
            clear_leftovers(data, std::time::SystemTime::now())?;
            let stem = dest.file_name().map(|n| n.to_string_lossy().replace(SEALED, ""));
            let plain = data.join(format!("{}.partial.db", stem.unwrap_or_default()));
            let sealed = copy(src, &plain, false).and_then(|_| crypt::seal(&plain, &dest, keys));
            let _ = std::fs::remove_file(&plain);
            sealed?;
            sync_dir(&dest);
        }
        _ => copy(src, &dest, false)?,
    }
    rotate(dir)?;
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (t, encrypted) = stamp_of(PREFIX, &name).unwrap_or_default();
    Ok(Taken {
        file: described(&dest, t, encrypted)?,
        by: who.map_or(crate::audit::SYSTEM.to_owned(), |a| a.name.clone()),
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

/// Deletes the backups, and apart from them the safety copies of restores, that the rotation
/// no longer keeps; returns how many.
pub fn rotate(dir: &Path) -> Result<usize> {
    let mut removed = 0;
    for prefix in [PREFIX, SAFETY_PREFIX] {
        let files: Vec<(NaiveDateTime, PathBuf)> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                stamp_of(prefix, &e.file_name().to_string_lossy()).map(|(t, _)| (t, e.path()))
            })
            .collect();
        let kept = keep(&files.iter().map(|(t, _)| *t).collect::<Vec<_>>());
        for (t, path) in files {
            if !kept.contains(&t) {
                std::fs::remove_file(path)?;
                removed += 1;
            }
        }
    }
    Ok(removed)
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
