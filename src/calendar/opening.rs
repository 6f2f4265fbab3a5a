//! The shop's opening hours, its holidays and the days closed for Tết, and time counted in
//! them: a complaint opened at 20:30 on Saturday with a 2-hour target is due on Monday morning
//! when the shop is closed on Sunday. Vietnam keeps UTC+7 all year, so local arithmetic is plain.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lunar;
use crate::clock::vietnam;
use crate::error::{FieldError, Result};

/// Where the shop's service settings are kept (opening hours among them); the feedback
/// settings screen writes the whole row, the calendar reads its part.
pub const SETTINGS_KEY: &str = "service.settings";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DayHours {
    /// `HH:MM`.
    pub open: String,
    pub close: String,
    pub closed: bool,
}

/// When the shop is open: per weekday, holidays, and the first days of Tết.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OpeningHours {
    /// Monday first, seven days.
    pub days: Vec<DayHours>,
    /// `dd/MM` every year, or `dd/MM/yyyy` once.
    pub holidays: Vec<String>,
    /// Days closed from the first of Tết (mùng 1).
    pub tet_days: u32,
}

impl Default for OpeningHours {
    fn default() -> Self {
        let day = |closed| DayHours { open: "08:00".into(), close: "21:00".into(), closed };
        OpeningHours {
            days: (0..7).map(|_| day(false)).collect(),
            holidays: vec!["30/04".into(), "01/05".into(), "02/09".into()],
            tet_days: 3,
        }
    }
}

/// The shop's opening hours as saved (the defaults until the owner sets them).
pub fn shop(conn: &Connection) -> Result<OpeningHours> {
    let v: Option<String> = crate::db::setting::get(conn, SETTINGS_KEY)?;
    Ok(v.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
}

/// `HH:MM` as typed in the settings screens.
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

/// Holidays a year can hold, and then some: the list is the shop's, typed one by one.
pub const MAX_HOLIDAYS: usize = 100;

/// What is wrong with the hours, field by field.
pub fn validate(h: &OpeningHours) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if h.days.len() != 7 {
        errors.push(FieldError::new("days", "invalid"));
    }
    for (i, d) in h.days.iter().enumerate() {
        if d.closed {
            continue;
        }
        match (parse_time(&d.open), parse_time(&d.close)) {
            (Some(o), Some(c)) if o < c => {}
            (Some(_), Some(_)) => {
                errors.push(FieldError::new(&format!("days.{i}"), "close_before_open"))
            }
            _ => errors.push(FieldError::new(&format!("days.{i}"), "time_invalid")),
        }
    }
    if h.days.iter().all(|d| d.closed) {
        errors.push(FieldError::new("days", "all_closed"));
    }
    for (i, d) in h.holidays.iter().enumerate() {
        if parse_holiday(d).is_none() {
            errors.push(FieldError::new(&format!("holidays.{i}"), "date_invalid"));
        }
    }
    if h.holidays.len() > MAX_HOLIDAYS {
        errors.push(FieldError::new("holidays", "too_many"));
    }
    if h.tet_days > 10 {
        errors.push(FieldError::new("tet_days", "out_of_range"));
    }
    errors
}

fn parse_holiday(s: &str) -> Option<Holiday> {
    let parts: Vec<&str> = s.trim().split('/').collect();
    let n = |i: usize| parts.get(i).and_then(|p| p.trim().parse::<u32>().ok());
    match parts.len() {
        2 => {
            let (d, m) = (n(0)?, n(1)?);
            // 2024 is a leap year: 29/02 is accepted as a yearly date.
            NaiveDate::from_ymd_opt(2024, m, d).map(|_| Holiday::Yearly(m, d))
        }
        3 => NaiveDate::from_ymd_opt(i32::try_from(n(2)?).ok()?, n(1)?, n(0)?).map(Holiday::Once),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Holiday {
    Yearly(u32, u32),
    Once(NaiveDate),
}

/// The opening hours in a form fit for counting.
pub struct Calendar {
    days: [Option<(NaiveTime, NaiveTime)>; 7],
    holidays: BTreeSet<Holiday>,
    tet_days: u32,
}

/// Days searched for an opening before giving up (a year of holidays cannot exceed it).
const MAX_DAYS: i64 = 800;

impl Calendar {
    pub fn new(s: &OpeningHours) -> Calendar {
        let mut days = [None; 7];
        for (slot, d) in days.iter_mut().zip(&s.days) {
            if !d.closed {
                if let (Some(o), Some(c)) = (parse_time(&d.open), parse_time(&d.close)) {
                    *slot = (o < c).then_some((o, c));
                }
            }
        }
        if days.iter().all(Option::is_none) {
            // Unreadable settings never leave a target unreachable: count every hour.
            days = [Some((
                NaiveTime::MIN,
                NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN),
            )); 7];
        }
        Calendar {
            days,
            holidays: s.holidays.iter().filter_map(|h| parse_holiday(h)).collect(),
            tet_days: s.tet_days,
        }
    }

    fn is_holiday(&self, d: NaiveDate) -> bool {
        if self.holidays.contains(&Holiday::Once(d))
            || self.holidays.contains(&Holiday::Yearly(d.month(), d.day()))
        {
            return true;
        }
        if self.tet_days > 0 && d.month() <= 3 {
            let l = lunar::to_lunar(d);
            return l.month == 1 && !l.leap && l.day <= self.tet_days;
        }
        false
    }

    /// The hours the shop is open on a day, if it opens.
    fn hours(&self, d: NaiveDate) -> Option<(NaiveDateTime, NaiveDateTime)> {
        let (o, c) = self.days[d.weekday().num_days_from_monday() as usize]?;
        (!self.is_holiday(d)).then(|| (d.and_time(o), d.and_time(c)))
    }

    /// The instant `minutes` opening-hours minutes after `start`.
    pub fn add(&self, start: DateTime<Utc>, minutes: i64) -> DateTime<Utc> {
        let mut cursor = start.with_timezone(&vietnam()).naive_local();
        let mut left = Duration::minutes(minutes.max(0));
        let first = cursor.date();
        for i in 0..MAX_DAYS {
            let day = first + Duration::days(i);
            let Some((open, close)) = self.hours(day) else { continue };
            let from = cursor.max(open);
            if from >= close {
                continue;
            }
            if from + left <= close {
                cursor = from + left;
                return to_utc(cursor);
            }
            left -= close - from;
            cursor = from;
        }
        start + Duration::minutes(minutes)
    }

    /// Opening-hours minutes between two instants (0 when `to` is not after `from`).
    pub fn minutes_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        if to <= from {
            return 0;
        }
        let (a, b) = (
            from.with_timezone(&vietnam()).naive_local(),
            to.with_timezone(&vietnam()).naive_local(),
        );
        let mut total = Duration::zero();
        let mut day = a.date();
        while day <= b.date() {
            if let Some((open, close)) = self.hours(day) {
                let (s, e) = (a.max(open), b.min(close));
                if e > s {
                    total += e - s;
                }
            }
            day += Duration::days(1);
        }
        total.num_minutes()
    }
}

fn to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    vietnam().from_local_datetime(&local).single().map_or_else(Utc::now, |t| t.with_timezone(&Utc))
}
