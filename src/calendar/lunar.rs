//! The Vietnamese lunar calendar: Hồ Ngọc Đức's algorithm, computed for UTC+7 (the Chinese
//! calendar uses UTC+8 and sometimes starts a month a day later — Tết 1985).
//!
//! Written here rather than taken from a crate: `amlich-core` 0.1.4 puts months wrong around
//! new moons near midnight (docs/domain.md §3). Valid for 1800–2199.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::f64::consts::PI;
use ts_rs::TS;

const TIME_ZONE: f64 = 7.0;
/// The Julian day number of 0001-01-01 (proleptic Gregorian) minus one.
const JD_OF_CE: i64 = 1_721_425;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LunarDate {
    pub day: u32,
    pub month: u32,
    pub year: i32,
    /// A leap month (tháng nhuận) repeats the month before it.
    pub leap: bool,
}

fn jd(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + JD_OF_CE
}

fn from_jd(jd: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jd - JD_OF_CE).ok()?)
}

/// The instant (Julian day, UT) of the k-th new moon after 1900-01-01.
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let (t2, t3) = (t * t, t * t * t);
    let dr = PI / 180.0;
    let mut jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
    jd1 += 0.00033 * ((166.56 + 132.87 * t - 0.009173 * t2) * dr).sin();
    let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
    let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
    let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
    let mut c1 = (0.1734 - 0.000393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 = c1 - 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 = c1 + 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 = c1 - 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 = c1 - 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 = c1 + 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    } else {
        -0.000278 + 0.000265 * t + 0.000262 * t2
    };
    jd1 + c1 - delta_t
}

/// The local day (Julian day number) of the k-th new moon.
fn new_moon_day(k: i64) -> i64 {
    (new_moon(k) + 0.5 + TIME_ZONE / 24.0).floor() as i64
}

/// The sun's longitude at local midnight starting `day`, as one of 12 sectors (0 = spring
/// equinox), which decides the month that holds a major solar term.
fn sun_sector(day: i64) -> i64 {
    let jdn = day as f64 - 0.5 - TIME_ZONE / 24.0;
    let t = (jdn - 2451545.0) / 36525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
    let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
    let mut dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * (dr * m).sin();
    dl += (0.019993 - 0.000101 * t) * (dr * 2.0 * m).sin() + 0.000290 * (dr * 3.0 * m).sin();
    let mut l = (l0 + dl) * dr;
    l -= PI * 2.0 * (l / (PI * 2.0)).floor();
    (l / PI * 6.0).floor() as i64
}

/// The first day of lunar month 11 (the month holding the winter solstice) of `year`.
fn month_11(year: i32) -> i64 {
    let Some(dec31) = NaiveDate::from_ymd_opt(year, 12, 31) else { return 0 };
    let k = ((jd(dec31) - 2415021) as f64 / 29.530588853).floor() as i64;
    let nm = new_moon_day(k);
    if sun_sector(nm) >= 9 {
        new_moon_day(k - 1)
    } else {
        nm
    }
}

/// Months after month 11 (`a11`) until the first one without a major solar term: the leap one.
fn leap_month_offset(a11: i64) -> i64 {
    let k = ((a11 as f64 - 2415021.076998695) / 29.530588853 + 0.5).floor() as i64;
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i));
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

pub fn to_lunar(date: NaiveDate) -> LunarDate {
    let day_number = jd(date);
    // The mean lunation only estimates which new moon starts the month: the true one can fall a
    // day either side of that estimate (2054-05-07 would read as day 0), so step until the month
    // holds the day.
    let mut k = ((day_number as f64 - 2415021.076998695) / 29.530588853).floor() as i64 + 1;
    while new_moon_day(k) > day_number {
        k -= 1;
    }
    while new_moon_day(k + 1) <= day_number {
        k += 1;
    }
    let month_start = new_moon_day(k);
    let yy = date.year();
    let mut a11 = month_11(yy);
    let mut b11 = a11;
    let mut year = if a11 >= month_start {
        a11 = month_11(yy - 1);
        yy
    } else {
        b11 = month_11(yy + 1);
        yy + 1
    };
    let day = (day_number - month_start + 1) as u32;
    let diff = ((month_start - a11) as f64 / 29.0).floor() as i64;
    let mut leap = false;
    let mut month = diff + 11;
    if b11 - a11 > 365 {
        let leap_diff = leap_month_offset(a11);
        if diff >= leap_diff {
            month = diff + 10;
            leap = diff == leap_diff;
        }
    }
    if month > 12 {
        month -= 12;
    }
    if month >= 11 && diff < 4 {
        year -= 1;
    }
    LunarDate { day, month: month as u32, year, leap }
}

/// First day and length (29 or 30) of a lunar month; None when that leap month does not exist
/// in that year, or the month is out of range.
fn month_span(month: u32, year: i32, leap: bool) -> Option<(i64, i64)> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let (a11, b11) = if month < 11 {
        (month_11(year - 1), month_11(year))
    } else {
        (month_11(year), month_11(year + 1))
    };
    let k = (0.5 + (a11 as f64 - 2415021.076998695) / 29.530588853).floor() as i64;
    let mut off = i64::from(month) - 11;
    if off < 0 {
        off += 12;
    }
    if b11 - a11 > 365 {
        let leap_off = leap_month_offset(a11);
        let mut leap_month = leap_off - 2;
        if leap_month < 0 {
            leap_month += 12;
        }
        if leap && i64::from(month) != leap_month {
            return None;
        }
        if leap || off >= leap_off {
            off += 1;
        }
    } else if leap {
        return None;
    }
    let start = new_moon_day(k + off);
    Some((start, new_moon_day(k + off + 1) - start))
}

/// The solar date of an exact lunar date; None when it does not exist (day 30 of a 29-day
/// month, a leap month the year lacks).
pub fn to_solar(d: LunarDate) -> Option<NaiveDate> {
    let (start, len) = month_span(d.month, d.year, d.leap)?;
    if d.day == 0 || i64::from(d.day) > len {
        return None;
    }
    from_jd(start + i64::from(d.day) - 1)
}

/// When a yearly lunar date (birthday, anniversary) falls in `year`: kept in the regular month
/// (a date first met in a leap month is observed in the regular one), day 30 falling back to
/// the month's last day when that month has only 29.
pub fn observed(day: u32, month: u32, year: i32) -> Option<NaiveDate> {
    let (start, len) = month_span(month, year, false)?;
    if day == 0 || day > 30 {
        return None;
    }
    from_jd(start + i64::from(day).min(len) - 1)
}

/// The next solar date on or after `from` of a yearly lunar date.
pub fn next_observed(day: u32, month: u32, from: NaiveDate) -> Option<NaiveDate> {
    let lunar_year = to_lunar(from).year;
    (lunar_year..=lunar_year + 1).filter_map(|y| observed(day, month, y)).find(|d| *d >= from)
}

/// The yearly lunar dates (month, day) observed between `from` and `to` inclusive, for a range
/// under a year (a month's birthdays): a day 30 the month lacks counts on the month's last day,
/// and a leap month's days observe nothing.
pub fn observed_between(from: NaiveDate, to: NaiveDate) -> Vec<(u32, u32)> {
    let years = to_lunar(from).year..=to_lunar(to).year;
    let mut out = Vec::new();
    for year in years {
        for month in 1..=12 {
            for day in 1..=30 {
                if observed(day, month, year).is_some_and(|d| from <= d && d <= to) {
                    out.push((month, day));
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The lunar days that drive retail (docs/domain.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Occasion {
    Tet,
    ThanTai,
    RamThangGieng,
    VuLan,
    TrungThu,
    OngCongOngTao,
}

impl Occasion {
    pub const ALL: [Occasion; 6] = [
        Occasion::Tet,
        Occasion::ThanTai,
        Occasion::RamThangGieng,
        Occasion::VuLan,
        Occasion::TrungThu,
        Occasion::OngCongOngTao,
    ];

    /// Lunar day and month.
    pub fn lunar(self) -> (u32, u32) {
        match self {
            Occasion::Tet => (1, 1),
            Occasion::ThanTai => (10, 1),
            Occasion::RamThangGieng => (15, 1),
            Occasion::VuLan => (15, 7),
            Occasion::TrungThu => (15, 8),
            Occasion::OngCongOngTao => (23, 12),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UpcomingOccasion {
    pub occasion: Occasion,
    pub date: NaiveDate,
    #[ts(type = "number")]
    pub days_away: i64,
}

/// The lunar occasions within `days` of `today`, soonest first.
pub fn upcoming(today: NaiveDate, days: i64) -> Vec<UpcomingOccasion> {
    let mut out: Vec<UpcomingOccasion> = Occasion::ALL
        .iter()
        .filter_map(|&o| {
            let (d, m) = o.lunar();
            let date = next_observed(d, m, today)?;
            let days_away = (date - today).num_days();
            (days_away <= days).then_some(UpcomingOccasion { occasion: o, date, days_away })
        })
        .collect();
    out.sort_by_key(|o| o.date);
    out
}
