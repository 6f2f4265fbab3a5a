//! Tauri commands of backups: the folder, the passphrase, a backup now, a restore, and how long
//! exports are kept. Who may do what is the core's to decide; these hand it the signed-in
//! account.

use khachquen::clock::{Clock, SystemClock};
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

#[tauri::command(async)]
pub fn backup_now(state: State<AppState>) -> Reply<BackupFile> {
    // The copy runs on a connection of its own, outside the desk (the counter is not held up);
    // the core checks the account, as the database holds it now, and writes the audit row.
    let who = state.desk(|d| Ok(d.who().clone()))?;
    state.backup(Some(&who))
}

/// Restores a backup listed in (or chosen from) the backup folder; returns the safety copy. An
/// encrypted one needs its passphrase.
#[tauri::command(async)]
pub fn restore_backup(
    state: State<AppState>,
    path: String,
    passphrase: Option<String>,
) -> Reply<String> {
    let who = state.desk(|d| Ok(d.who().clone()))?;
    let restored = state.restore(std::path::Path::new(&path), passphrase.as_deref(), &who)?;
    // The core says whether this account goes on, as the restored data holds it.
    let idle = state.with(|db| khachquen::staff::idle_minutes(db.conn()))?;
    let mut session = state.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    match restored.actor {
        Some(actor) => session.start(actor, idle, SystemClock.now()),
        None => session.end(),
    }
    drop(session);
    state.wake.wake();
    Ok(restored.safety.map(|p| p.display().to_string()).unwrap_or_default())
}
