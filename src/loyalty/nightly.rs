//! The nightly pass: every customer re-ranked over the rolling 12 months, points past their
//! day expired. Run once a day by the app (and at start when it has not run today).

use chrono::{DateTime, NaiveDate, Utc};

use super::points::Since;
use crate::clock::local_date;
use crate::db::setting::{get, set};
use crate::db::Db;
use crate::error::Result;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Nightly {
    /// Customers whose tier changed.
    pub tier_changes: usize,
    /// Ledger entries written for expired points.
    pub expired: usize,
}

/// The setting that holds the shop day the pass last ran.
pub const LAST_RUN: &str = "loyalty.nightly_on";
/// The setting that holds the last `point_entry` id the pass had seen when it ran.
pub const LAST_ENTRY: &str = "loyalty.nightly_entry";

/// Where the previous pass stopped; `None` before the first (or if its day is unreadable: the
/// full pass is always right, only slower).
fn since(tx: &rusqlite::Connection) -> Result<Option<Since>> {
    let day = get(tx, LAST_RUN)?.and_then(|d| d.parse::<NaiveDate>().ok());
    let entry = get(tx, LAST_ENTRY)?.and_then(|e| e.parse::<i64>().ok()).unwrap_or(0);
    Ok(day.map(|day| Since { day, entry }))
}

pub fn run(db: &mut Db, now: DateTime<Utc>) -> Result<Nightly> {
    let today = local_date(now);
    db.write(|tx| {
        // Expired first: spend does not depend on points, but the day's record should show
        // both done together.
        let expired = super::points::expire_all(tx, since(tx)?, today, now)?;
        let tier_changes = super::tier::rank_all(tx, now)?;
        let last: i64 =
            tx.query_row("SELECT coalesce(max(id), 0) FROM point_entry", [], |r| r.get(0))?;
        set(tx, LAST_RUN, &today.to_string())?;
        set(tx, LAST_ENTRY, &last.to_string())?;
        Ok(Nightly { tier_changes, expired })
    })
}

/// Runs the pass unless it already ran this shop day; `None` when it had.
pub fn run_if_due(db: &mut Db, now: DateTime<Utc>) -> Result<Option<Nightly>> {
    let today = local_date(now).to_string();
    if get(db.conn(), LAST_RUN)?.as_deref() == Some(today.as_str()) {
        return Ok(None);
    }
    run(db, now).map(Some)
}
