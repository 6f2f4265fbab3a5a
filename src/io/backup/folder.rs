//! Where backups go, chosen by the owner: `backups` in the data folder, or a folder outside it
//! (a USB stick, a network drive), which takes a passphrase first.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::{crypt, list, outside, BackupFile, OWNER_ONLY};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::staff::{Actor, Role};

pub(super) const FOLDER_KEY: &str = "backup.dir";

/// Where backups go: the folder the shop chose (a USB or network drive), else `backups` in the
/// data folder.
pub fn folder(conn: &Connection, data_dir: &Path) -> Result<PathBuf> {
    let chosen: Option<String> = crate::db::setting::get(conn, FOLDER_KEY)?;
    Ok(chosen.filter(|d| !d.is_empty()).map_or_else(|| data_dir.join("backups"), PathBuf::from))
}

/// Chooses the backup folder: the owner's alone. It must be an absolute path the app can write
/// to (checked by writing a file there); outside the data folder, only once a passphrase is
/// set, since backups there are encrypted. Empty goes back to the default.
pub fn set_folder(db: &mut Db, dir: &str, by: &Actor, now: DateTime<Utc>) -> Result<()> {
    if by.role != Role::Owner {
        return Err(Error::Forbidden(OWNER_ONLY));
    }
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
        let data_dir = super::data_dir_of(db.conn());
        if outside(path, data_dir.as_deref()) && !crypt::has_passphrase(db.conn())? {
            return Err(Error::invalid("dir", "passphrase_not_set"));
        }
    }
    db.write(|tx| {
        crate::db::setting::set(tx, FOLDER_KEY, dir)?;
        crate::audit::record(
            tx,
            now,
            &by.name,
            "save",
            "backup_folder",
            0,
            serde_json::json!({ "dir": dir }),
        )
    })
}

/// Whether today (shop time) has no backup in `dir` yet.
pub fn due(dir: &Path, now: DateTime<Utc>) -> Result<bool> {
    let today = crate::clock::local_date(now).format("%Y-%m-%d").to_string();
    Ok(!list(dir)?.first().is_some_and(|b| b.taken_at.starts_with(&today)))
}

/// The backup section of Settings: the folder, what it holds, the passphrase and how long
/// exports are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupInfo {
    pub folder: String,
    /// Empty when the default folder is used.
    pub chosen: String,
    /// The folder is outside the data folder: backups there are encrypted.
    pub encrypted: bool,
    pub passphrase_set: bool,
    #[ts(type = "number")]
    pub exports_retention_days: i64,
    pub backups: Vec<BackupFile>,
}

pub fn info(conn: &Connection, data_dir: &Path) -> Result<BackupInfo> {
    let folder = folder(conn, data_dir)?;
    let chosen = if folder == data_dir.join("backups") {
        String::new()
    } else {
        folder.display().to_string()
    };
    Ok(BackupInfo {
        folder: folder.display().to_string(),
        chosen,
        encrypted: outside(&folder, Some(data_dir)),
        passphrase_set: crypt::has_passphrase(conn)?,
        exports_retention_days: crate::io::retention::days(conn)?,
        backups: list(&folder)?,
    })
}
