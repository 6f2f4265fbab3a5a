//! The nightly pass: every customer re-ranked over the rolling 12 months, points past their
//! day expired. Run once a day by the app (and at start when it has not run today).

use chrono::{DateTime, Utc};

use crate::clock::local_date;
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

pub fn run(db: &mut Db, now: DateTime<Utc>) -> Result<Nightly> {
    let today = local_date(now);
    db.write(|tx| {
        // Expired first: spend does not depend on points, but the day's record should show
        // both done together.
        let expired = super::points::expire_all(tx, today, now)?;
        let tier_changes = super::tier::rank_all(tx, now)?;
        crate::db::setting::set(tx, LAST_RUN, &today.to_string())?;
        Ok(Nightly { tier_changes, expired })
    })
}

/// Runs the pass unless it already ran this shop day; `None` when it had.
pub fn run_if_due(db: &mut Db, now: DateTime<Utc>) -> Result<Option<Nightly>> {
    let today = local_date(now).to_string();
    if crate::db::setting::get(db.conn(), LAST_RUN)?.as_deref() == Some(today.as_str()) {
        return Ok(None);
    }
    run(db, now).map(Some)
}
