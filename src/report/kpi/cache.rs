//! Dashboards kept until a write or the clock changes what they show.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::Connection;

use super::{dashboard_at, Dashboard, Period};
use crate::clock::{day_start, local_date, stamp};
use crate::error::Result;

/// Dashboards already computed, each kept while nothing it reads can have changed: no write
/// since (SQLite's change counters, this connection's and others'), and the clock before the
/// next instant a figure moves by itself (midnight, or a live complaint's target passing).
#[derive(Default)]
pub struct DashboardCache {
    entries: std::sync::Mutex<BTreeMap<Key, Cached>>,
    /// Answers given from the cache (what a test can see of it working).
    hits: std::sync::atomic::AtomicU64,
}

/// A period, and the store (`None`: all stores).
type Key = (NaiveDate, NaiveDate, Option<String>);

struct Cached {
    version: (i64, u64),
    valid_until: DateTime<Utc>,
    value: Dashboard,
}

use crate::db::change_version as version;

/// The first instant after `now` at which a figure changes with no write: the next local
/// midnight, or the nearest target of a live complaint.
fn valid_until(conn: &Connection, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let midnight = day_start(local_date(now) + Duration::days(1));
    let now_s = stamp(now);
    let next: Option<String> = conn
        .prepare_cached(
            "SELECT min(t) FROM (
                SELECT min(respond_by) AS t FROM complaint WHERE status <> 'resolved' AND status <> 'closed'
                    AND first_response_at IS NULL AND respond_by > ?1
                UNION ALL
                SELECT min(resolve_by) FROM complaint WHERE status <> 'resolved' AND status <> 'closed'
                    AND resolve_by > ?1)",
        )?
        .query_row([&now_s], |r| r.get(0))?;
    let t = next.filter(|n| *n < midnight).unwrap_or(midnight);
    Ok(crate::clock::parse_stamp(&t).unwrap_or(now))
}

impl DashboardCache {
    /// Forgets everything (the database was replaced by a restore).
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }

    pub fn hits(&self) -> u64 {
        self.hits.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn get(&self, conn: &Connection, p: &Period, now: DateTime<Utc>) -> Result<Dashboard> {
        self.get_at(conn, p, None, now)
    }

    /// The dashboard of period `p` at `store` (`None`: all stores).
    pub fn get_at(
        &self,
        conn: &Connection,
        p: &Period,
        store: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Dashboard> {
        let v = version(conn)?;
        let key = (p.from, p.to, store.map(str::to_owned));
        if let Ok(entries) = self.entries.lock() {
            if let Some(c) = entries.get(&key) {
                if c.version == v && now < c.valid_until {
                    self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    return Ok(c.value.clone());
                }
            }
        }
        let value = dashboard_at(conn, p, store, now)?;
        let valid_until = valid_until(conn, now)?;
        if let Ok(mut entries) = self.entries.lock() {
            // A handful of periods are looked at in a session; stale ones go first.
            entries.retain(|_, c| c.version == v);
            entries.insert(key, Cached { version: v, valid_until, value: value.clone() });
        }
        Ok(value)
    }
}
