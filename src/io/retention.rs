//! How long exported files (CSV and XLSX of customers, reports, data-subject copies) stay in
//! the data folder's `exports`: they hold personal data, so they do not pile up. The owner sets
//! the number of days; older files go at start and after each export.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::staff::{Actor, Role};

pub const DEFAULT_DAYS: i64 = 30;
pub(crate) const DAYS_KEY: &str = "exports.retention_days";
const MAX_DAYS: i64 = 3650;

/// Days an export is kept.
pub fn days(conn: &Connection) -> Result<i64> {
    let v: Option<String> = crate::db::setting::get(conn, DAYS_KEY)?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_DAYS))
}

/// Sets how many days exports are kept: the owner's alone; 1 to 3650.
pub fn set_days(db: &mut Db, days: i64, by: &Actor, now: DateTime<Utc>) -> Result<i64> {
    if by.role != Role::Owner {
        return Err(Error::Forbidden(crate::io::backup::OWNER_ONLY));
    }
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(Error::invalid("exports_retention_days", "out_of_range"));
    }
    db.write(|tx| {
        let detail = serde_json::json!({ "exports_retention_days": days });
        crate::audit::save_setting(tx, now, &by.name, DAYS_KEY, &days.to_string(), detail)
    })?;
    Ok(days)
}

/// Removes the files in `dir` last written more than `days` days before `now`; folders and
/// anything newer stay. Returns how many went. A missing folder has nothing to clean.
pub fn clean(dir: &Path, days: i64, now: DateTime<Utc>) -> Result<usize> {
    if !dir.exists() {
        return Ok(0);
    }
    let limit = std::time::SystemTime::from(now - chrono::Duration::days(days.max(1)));
    let mut removed = 0;
    for entry in std::fs::read_dir(dir)?.filter_map(|e| e.ok()) {
        let meta = entry.metadata()?;
        if !meta.is_file() {
            continue;
        }
        if meta.modified().is_ok_and(|m| m < limit) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}
