//! Copying a live database page by page with SQLite's online backup: what a backup and the copy
//! kept before an upgrade both do.

use rusqlite::backup::{Backup, StepResult};

use crate::error::{Error, Result};

/// Copies every page in one step, waiting (up to 30 s) while another process holds a lock.
pub fn copy_all(backup: &Backup) -> Result<()> {
    for _ in 0..600 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ => std::thread::sleep(std::time::Duration::from_millis(50)),
        }
    }
    Err(Error::Sqlite(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        Some("the database stayed locked".into()),
    )))
}
