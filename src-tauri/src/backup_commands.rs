//! Tauri commands of backups: the folder, a backup now, and a restore.

use khachquen::clock::{Clock, SystemClock};
use khachquen::io::backup::{BackupFile, BackupInfo};
use khachquen::staff::Permission;
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, khachquen::error::ErrorPayload>;

#[tauri::command(async)]
pub fn backup_info(state: State<AppState>) -> Reply<BackupInfo> {
    state.desk(|d| d.backup_info())
}

#[tauri::command(async)]
pub fn set_backup_folder(state: State<AppState>, dir: String) -> Reply<BackupInfo> {
    state.desk(|d| d.set_backup_folder(&dir))
}

#[tauri::command(async)]
pub fn backup_now(state: State<AppState>) -> Reply<BackupFile> {
    state.actor(Some(Permission::TakeBackup))?;
    state.backup()
}

/// Restores a backup listed in (or chosen from) the backup folder; returns the safety copy.
#[tauri::command(async)]
pub fn restore_backup(state: State<AppState>, path: String) -> Reply<String> {
    let who = state.actor(Some(Permission::EditSettings))?;
    let safety = state.restore(std::path::Path::new(&path))?;
    // The restored data has its own staff: the session goes on only if this account is there.
    let now = SystemClock.now();
    let still = state.with(|db| khachquen::staff::reload(db.conn(), &who))?;
    let idle = state.with(|db| khachquen::staff::idle_minutes(db.conn()))?;
    let mut session = state.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    match still {
        Some(actor) => session.start(actor, idle, now),
        None => session.end(),
    }
    drop(session);
    state.wake.wake();
    Ok(safety.display().to_string())
}
