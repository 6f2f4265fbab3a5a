//! The chain-wide order of a claim's events: the clock each new one gets where it is written, and
//! the order every site reads them back in.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::ClaimStatus;
use crate::error::Result;

/// The SQL order of a claim's events (`e`), the same on every site: by clock, then (events
/// written before clocks were kept, which all order first) by when they were written, then by
/// their chain-wide key. The local id only breaks ties a single shop's rows without keys leave.
pub(super) const ORDER: &str = "coalesce(e.clock, ''), e.at, e.key, e.id";

/// The clock counter's width in its text form (as `sync::hlc`).
const MAX_COUNTER: i64 = 999_999;

/// One event of a claim as the fold and the timeline read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Step {
    pub happened_on: NaiveDate,
    pub at: String,
    pub staff: String,
    pub from: Option<ClaimStatus>,
    pub to: ClaimStatus,
    pub note: String,
    /// `wall-counter-SITE`; empty for an event written before clocks were kept.
    pub clock: String,
}

impl Step {
    /// The store that wrote it: the site its clock ends with (empty outside a chain).
    pub fn store(&self) -> String {
        self.clock.splitn(3, '-').nth(2).unwrap_or_default().to_owned()
    }
}

/// Claim `claim_id`'s events in the chain-wide order.
pub(super) fn steps(conn: &Connection, claim_id: i64) -> Result<Vec<Step>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT e.happened_on, e.at, e.staff, e.from_status, e.to_status, e.note,
            coalesce(e.clock, '')
         FROM claim_event e WHERE e.claim_id = ?1 ORDER BY {ORDER}"
    ))?;
    let rows = stmt.query_map([claim_id], |r| {
        Ok(Step {
            happened_on: r.get(0)?,
            at: r.get(1)?,
            staff: r.get(2)?,
            from: r.get::<_, Option<String>>(3)?.and_then(|s| ClaimStatus::parse(&s)),
            to: ClaimStatus::parse(&r.get::<_, String>(4)?).unwrap_or(ClaimStatus::Received),
            note: r.get(5)?,
            clock: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The (wall, counter) of a clock's text.
fn wall_counter(clock: &str) -> Option<(i64, i64)> {
    let mut parts = clock.splitn(3, '-');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// The clock a new event of claim `claim_id` gets: the site's hybrid logical clock moved on by
/// its `now` rule (`sync::hlc`, restated here because sales sits below sync), after every event
/// of the claim this site holds; the site's clock moves with it, so what the site writes next,
/// and every site that receives this event, orders after it.
pub(super) fn next_clock(tx: &Connection, claim_id: i64) -> Result<String> {
    let (wall_ms, mut last, site): (i64, (i64, i64), String) = tx
        .prepare_cached(
            "SELECT CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms,
                hlc_wall, hlc_counter, coalesce(code, '')
             FROM sync_site WHERE id = 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?), r.get(3)?)))?;
    let claim_last: Option<String> = tx
        .prepare_cached("SELECT max(clock) FROM claim_event WHERE claim_id = ?1")?
        .query_row([claim_id], |r| r.get(0))?;
    if let Some(seen) = claim_last.as_deref().and_then(wall_counter) {
        last = last.max(seen);
    }
    let (wall, counter) = if wall_ms > last.0 {
        (wall_ms, 0)
    } else if last.1 >= MAX_COUNTER {
        (last.0 + 1, 0)
    } else {
        (last.0, last.1 + 1)
    };
    tx.prepare_cached(
        "UPDATE sync_site SET hlc_wall = ?1, hlc_counter = ?2
         WHERE id = 1 AND (hlc_wall, hlc_counter) < (?1, ?2)",
    )?
    .execute([wall, counter])?;
    Ok(format!("{wall:015}-{counter:06}-{site}"))
}
