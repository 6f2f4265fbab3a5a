//! Dates as Vietnamese staff write them: `dd/MM/yyyy`, day first.

use chrono::{Datelike, NaiveDate};

/// `23/11/2026`.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Parses `dd/MM/yyyy` (also `d/M/yyyy`, `dd-MM-yyyy`, `dd.MM.yyyy`) and ISO `yyyy-MM-dd`.
/// Two-digit years are refused: a birthday of `/45` is ambiguous.
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    let s = input.trim();
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts.iter().any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().ok();
    if parts[0].len() == 4 {
        let y = i32::try_from(n(parts[0])?).ok()?;
        return NaiveDate::from_ymd_opt(y, n(parts[1])?, n(parts[2])?);
    }
    if parts[2].len() != 4 || parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    let y = i32::try_from(n(parts[2])?).ok()?;
    NaiveDate::from_ymd_opt(y, n(parts[1])?, n(parts[0])?)
}

/// Days from `today` to the next occurrence of month/day (0 when it is today). A 29 February
/// birthday is celebrated on 28 February in common years.
pub fn days_until_anniversary(month: u32, day: u32, today: NaiveDate) -> Option<i64> {
    let on = |year: i32| {
        NaiveDate::from_ymd_opt(year, month, day).or_else(|| {
            (month == 2 && day == 29).then(|| NaiveDate::from_ymd_opt(year, 2, 28)).flatten()
        })
    };
    let this_year = on(today.year())?;
    let next = if this_year >= today { this_year } else { on(today.year() + 1)? };
    Some((next - today).num_days())
}
