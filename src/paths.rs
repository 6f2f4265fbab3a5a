//! Where the data lives when nobody says: `KHACHQUEN_DATA_DIR`, else the OS app-data directory
//! for the app's identifier (the same folder Tauri's `app_data_dir` gives the desktop app).

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use crate::error::ErrorPayload;

pub const IDENTIFIER: &str = "vn.khachquen.app";
pub const DB_FILE: &str = "khachquen.db";

pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("KHACHQUEN_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let base = if cfg!(target_os = "windows") {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
    };
    base.map(|b| b.join(IDENTIFIER))
}

pub fn default_db() -> Option<PathBuf> {
    data_dir().map(|d| d.join(DB_FILE))
}

/// What the Settings/About view shows: version, where the data lives, and why it could not be
/// opened if it could not.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub db_path: String,
    #[ts(type = "number")]
    pub customer_count: i64,
    pub open_error: Option<ErrorPayload>,
}
