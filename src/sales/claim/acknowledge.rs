//! Staff have seen the branch of a claim's events: the notice goes away at every store.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::{get, ClaimView};
use crate::clock::local_date;
use crate::db::Db;
use crate::error::{Error, Result};

/// The clock of the branch a claim shows (its conflict not yet acknowledged), as SQL over `k`.
pub(super) const SHOWN: &str = "CASE WHEN k.conflict IS NOT NULL
    AND json_extract(k.conflict, '$.clock') > coalesce(k.conflict_seen, '')
    THEN k.conflict END";

/// Records that staff saw claim `id`'s conflict: the clock of its branch, a synced field, so the
/// notice goes away everywhere, until a later branch. Audited. Acknowledging what is no longer
/// shown (another counter did it first) writes nothing.
pub fn acknowledge_conflict(
    db: &mut Db,
    id: i64,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ClaimView> {
    db.write(|tx| {
        let shown: Option<String> = tx
            .prepare_cached(&format!(
                "SELECT json_extract({SHOWN}, '$.clock') FROM claim k WHERE k.id = ?1"
            ))?
            .query_row([id], |r| r.get(0))
            .optional()?
            .ok_or(Error::NotFound { what: "claim", id })?;
        let Some(clock) = shown else { return Ok(()) };
        tx.execute(
            "UPDATE claim SET conflict_seen = ?2, updated_at = ?3 WHERE id = ?1",
            rusqlite::params![id, clock, crate::clock::stamp(now)],
        )?;
        crate::audit::record(
            tx,
            now,
            staff,
            "acknowledge_conflict",
            "claim",
            id,
            serde_json::json!({ "clock": clock }),
        )
    })?;
    get(db.conn(), id, local_date(now))
}
