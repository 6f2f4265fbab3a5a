//! The shop's opening hours and service targets, and time counted in them: a complaint opened
//! at 20:30 on Saturday with a 2-hour target is due on Monday morning when the shop is closed
//! on Sunday. Vietnam keeps UTC+7 all year, so local arithmetic is plain.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::care::lunar;
use crate::clock::vietnam;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

use super::complaint::Severity;
use crate::care::settings::parse_time;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DayHours {
    /// `HH:MM`.
    pub open: String,
    pub close: String,
    pub closed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SlaTarget {
    pub severity: Severity,
    /// Opening hours to the first response and to the resolution.
    pub respond_hours: u32,
    pub resolve_hours: u32,
}

/// Opening hours, holidays, complaint targets and the low-score thresholds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ServiceSettings {
    /// Monday first, seven days.
    pub days: Vec<DayHours>,
    /// `dd/MM` every year, or `dd/MM/yyyy` once.
    pub holidays: Vec<String>,
    /// Days closed from the first of Tết (mùng 1).
    pub tet_days: u32,
    pub sla: Vec<SlaTarget>,
    /// A score at or below these is low: a follow-up call is planned.
    pub low_csat: u32,
    pub low_nps: u32,
    pub low_ces: u32,
    /// The lowest score possible also opens a complaint, owned by `complaint_owner`.
    pub complaint_on_lowest: bool,
    pub complaint_owner: String,
}

impl Default for ServiceSettings {
    fn default() -> Self {
        let day = |closed| DayHours { open: "08:00".into(), close: "21:00".into(), closed };
        ServiceSettings {
            days: (0..7).map(|_| day(false)).collect(),
            holidays: vec!["30/04".into(), "01/05".into(), "02/09".into()],
            tet_days: 3,
            sla: vec![
                SlaTarget { severity: Severity::Critical, respond_hours: 1, resolve_hours: 8 },
                SlaTarget { severity: Severity::High, respond_hours: 2, resolve_hours: 24 },
                SlaTarget { severity: Severity::Medium, respond_hours: 4, resolve_hours: 48 },
                SlaTarget { severity: Severity::Low, respond_hours: 8, resolve_hours: 72 },
            ],
            low_csat: 2,
            low_nps: 6,
            low_ces: 3,
            complaint_on_lowest: false,
            complaint_owner: String::new(),
        }
    }
}

const KEY: &str = "service.settings";

pub fn get(conn: &Connection) -> Result<ServiceSettings> {
    let v: Option<String> = conn
        .prepare_cached("SELECT value FROM setting WHERE key = ?1")?
        .query_row([KEY], |r| r.get(0))
        .optional()?;
    Ok(v.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
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

pub fn validate(s: &ServiceSettings) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if s.days.len() != 7 {
        errors.push(FieldError::new("days", "invalid"));
    }
    for (i, d) in s.days.iter().enumerate() {
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
    if s.days.iter().all(|d| d.closed) {
        errors.push(FieldError::new("days", "all_closed"));
    }
    for (i, h) in s.holidays.iter().enumerate() {
        if parse_holiday(h).is_none() {
            errors.push(FieldError::new(&format!("holidays.{i}"), "date_invalid"));
        }
    }
    if s.tet_days > 10 {
        errors.push(FieldError::new("tet_days", "out_of_range"));
    }
    for sev in Severity::ALL {
        match s.sla.iter().find(|t| t.severity == sev) {
            None => errors.push(FieldError::new(&format!("sla.{}", sev.code()), "required")),
            Some(t)
                if t.respond_hours == 0
                    || t.respond_hours > t.resolve_hours
                    || t.resolve_hours > 2000 =>
            {
                errors.push(FieldError::new(&format!("sla.{}", sev.code()), "out_of_range"))
            }
            Some(_) => {}
        }
    }
    if s.low_csat > 4 {
        errors.push(FieldError::new("low_csat", "out_of_range"));
    }
    if s.low_nps > 9 {
        errors.push(FieldError::new("low_nps", "out_of_range"));
    }
    if s.low_ces > 6 {
        errors.push(FieldError::new("low_ces", "out_of_range"));
    }
    if s.complaint_on_lowest && s.complaint_owner.trim().is_empty() {
        errors.push(FieldError::new("complaint_owner", "required"));
    }
    super::name_field(&s.complaint_owner, "complaint_owner", &mut errors);
    if s.holidays.len() > MAX_HOLIDAYS {
        errors.push(FieldError::new("holidays", "too_many"));
    }
    errors
}

/// Holidays a year can hold, and then some: the list is the shop's, typed one by one.
pub const MAX_HOLIDAYS: usize = 100;

/// Saves the settings after checking them all; nothing is saved when one is wrong.
pub fn save(
    db: &mut Db,
    s: &ServiceSettings,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ServiceSettings> {
    let errors = validate(s);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let mut s = s.clone();
    s.complaint_owner = s.complaint_owner.trim().to_owned();
    s.holidays = s.holidays.iter().map(|h| h.trim().to_owned()).collect();
    let json = serde_json::to_string(&s).unwrap_or_default();
    db.write(|tx| {
        tx.execute(
            "INSERT INTO setting(key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![KEY, json],
        )?;
        crate::audit::record(tx, now, staff, "save", "service_settings", 0, serde_json::json!({}))
    })?;
    get(db.conn())
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
    pub fn new(s: &ServiceSettings) -> Calendar {
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
