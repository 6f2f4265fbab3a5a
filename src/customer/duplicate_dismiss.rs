//! "Not the same person": a pair staff looked at and kept apart is never offered again.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde_json::json;

use super::duplicate_pair::PairSet;
use crate::audit;
use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, Result};

/// Records that customers `a` and `b` are two people (either order; again is harmless), with an
/// audit row on each.
pub fn dismiss(db: &mut Db, a: i64, b: i64, staff: &str, now: DateTime<Utc>) -> Result<()> {
    if a == b {
        return Err(Error::MergeSelf);
    }
    db.write(|tx| {
        for id in [a, b] {
            super::live::ensure_live(tx, id, super::live::Change::Status)?;
        }
        let n = tx.execute(
            "INSERT OR IGNORE INTO duplicate_dismissed(low_id, high_id, staff, dismissed_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![a.min(b), a.max(b), staff, stamp(now)],
        )?;
        if n > 0 {
            for (id, other) in [(a, b), (b, a)] {
                audit::record(
                    tx,
                    now,
                    staff,
                    "not_duplicate",
                    "customer",
                    id,
                    json!({ "other": other }),
                )?;
            }
        }
        Ok(())
    })
}

pub(super) fn all(conn: &Connection) -> Result<PairSet> {
    let mut stmt = conn.prepare_cached("SELECT low_id, high_id FROM duplicate_dismissed")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
