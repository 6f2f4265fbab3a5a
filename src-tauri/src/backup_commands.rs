//! Tauri commands of backups: the folder, the passphrase, a backup now, a restore, and how long
//! exports are kept. Who may do what is the core's to decide; these hand it the signed-in
//! account.

use khachquen::io::backup::{BackupFile, BackupInfo};
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
pub fn set_backup_passphrase(state: State<AppState>, passphrase: String) -> Reply<BackupInfo> {
    state.desk(|d| d.set_backup_passphrase(&passphrase))
}

#[tauri::command(async)]
pub fn set_exports_retention(state: State<AppState>, days: i64) -> Reply<BackupInfo> {
    state.desk(|d| d.set_exports_retention(days))
}

/// A backup now, by the signed-in account (the core checks it may and audits it).
#[tauri::command(async)]
pub fn backup_now(state: State<AppState>) -> Reply<BackupFile> {
    state.backup_now()
}

/// Restores a backup listed in (or chosen from) the backup folder; returns the safety copy. An
/// encrypted one needs its passphrase.
#[tauri::command(async)]
pub fn restore_backup(
    state: State<AppState>,
    path: String,
    passphrase: Option<String>,
) -> Reply<String> {
    state.restore_backup(std::path::Path::new(&path), passphrase.as_deref())
}
