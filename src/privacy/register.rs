//! The erasure register: a file beside the database, `erasures.log`, one line per erased
//! customer (when, their id, when their record was created; nothing personal), appended by
//! every erasure. A backup taken before an erasure still holds the customer; after a restore
//! every erasure in the register is carried out again, before anyone can search.
//!
//! The record's creation time tells the same customer from another one with the same id in a
//! database of another lineage (another shop's backup): only the same record is erased again.
//! An in-memory database has no register.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use crate::clock::stamp;
use crate::db::Db;
use crate::error::Result;

pub const REGISTER_FILE: &str = "erasures.log";

/// One line of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Erasure {
    pub at: String,
    pub id: i64,
    pub created_at: String,
}

/// The register of the database `conn` is open on.
fn path_of(conn: &Connection) -> Option<PathBuf> {
    let file = conn.path().filter(|p| !p.is_empty())?;
    Some(Path::new(file).parent()?.join(REGISTER_FILE))
}

/// Appends customer `id` to the register (once), inside the erasure's transaction: when the
/// file cannot be written, the erasure does not happen either.
pub(crate) fn record(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<()> {
    let Some(path) = path_of(conn) else { return Ok(()) };
    let created_at: String =
        conn.query_row("SELECT created_at FROM customer WHERE id = ?1", [id], |r| r.get(0))?;
    if read(&path)?.iter().any(|e| e.id == id && e.created_at == created_at) {
        return Ok(());
    }
    let mut file = std::fs::OpenOptions::new().append(true).create(true).open(&path)?;
    writeln!(file, "{}\t{id}\t{created_at}", stamp(now))?;
    file.sync_all()?;
    Ok(())
}

/// The erasures listed in the register at `path` (none when there is no file yet); lines that
/// are not the register's own are skipped.
pub fn read(path: &Path) -> Result<Vec<Erasure>> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line?;
        let mut parts = line.split('\t');
        if let (Some(at), Some(id), Some(created_at)) = (parts.next(), parts.next(), parts.next()) {
            if let Ok(id) = id.parse() {
                out.push(Erasure { at: at.into(), id, created_at: created_at.into() });
            }
        }
    }
    Ok(out)
}

/// Erases again every customer of the register that the database holds unerased (after a
/// restore); the audit log names the system. Returns how many.
pub fn reapply_erasures(db: &mut Db, now: DateTime<Utc>) -> Result<usize> {
    let Some(path) = path_of(db.conn()) else { return Ok(0) };
    let mut n = 0;
    for e in read(&path)? {
        let pending: bool = db.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM customer
                WHERE id = ?1 AND created_at = ?2 AND erased_at IS NULL)",
            params![e.id, e.created_at],
            |r| r.get(0),
        )?;
        if pending {
            super::erase::erase_listed(db, e.id, now)?;
            n += 1;
        }
    }
    Ok(n)
}
