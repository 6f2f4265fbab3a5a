//! Time is passed in: business rules take `now`; the app reads a `Clock`, tests fix one.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, TimeZone, Utc};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// Vietnam is UTC+7 all year (no daylight saving).
pub fn vietnam() -> FixedOffset {
    // 7 hours is always a valid offset; `east_opt` only fails beyond ±24 h.
    FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| Utc.fix())
}

/// The calendar day at the shop for an instant.
pub fn local_date(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&vietnam()).date_naive()
}

/// The instant a shop day starts, stored form.
pub fn day_start(d: chrono::NaiveDate) -> String {
    vietnam()
        .from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
        .single()
        .map_or_else(String::new, |t| stamp(t.with_timezone(&Utc)))
}

/// A stored instant read back; `None` for anything else.
pub fn parse_stamp(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc))
}

/// Instants are stored as RFC 3339 UTC text with second precision.
pub fn stamp(now: DateTime<Utc>) -> String {
    now.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
