//! Tauri commands of backups: the folder, a backup now, and a restore.

use khachquen::clock::{Clock, SystemClock};
use khachquen::io::backup::{self, BackupFile, BackupInfo};
use tauri::State;

use crate::state::{AppState, COUNTER_STAFF};

type Reply<T> = Result<T, khachquen::error::ErrorPayload>;

#[tauri::command(async)]
pub fn backup_info(state: State<AppState>) -> Reply<BackupInfo> {
    state.with(|db| backup::info(db.conn(), &state.data_dir))
}

#[tauri::command(async)]
pub fn set_backup_folder(state: State<AppState>, dir: String) -> Reply<BackupInfo> {
    state.with(|db| {
        backup::set_folder(db, &dir, COUNTER_STAFF, SystemClock.now())?;
        backup::info(db.conn(), &state.data_dir)
    })
}

#[tauri::command(async)]
pub fn backup_now(state: State<AppState>) -> Reply<BackupFile> {
    state.backup()
}

/// Restores a backup listed in (or chosen from) the backup folder; returns the safety copy.
#[tauri::command(async)]
pub fn restore_backup(state: State<AppState>, path: String) -> Reply<String> {
    let safety = state.restore(std::path::Path::new(&path))?;
    state.wake.wake();
    Ok(safety.display().to_string())
}
