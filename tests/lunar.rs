//! The lunar calendar against published Vietnamese dates.

use chrono::NaiveDate;
use khachquen::calendar::lunar::{self, LunarDate, Occasion};
use proptest::prelude::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn lunar(day: u32, month: u32, year: i32, leap: bool) -> LunarDate {
    LunarDate { day, month, year, leap }
}

#[test]
fn tet_falls_on_the_published_days() {
    // Tết 1985 is a day earlier in Vietnam (UTC+7) than in China (UTC+8).
    for (year, solar) in [
        (1985, ymd(1985, 1, 21)),
        (2023, ymd(2023, 1, 22)),
        (2024, ymd(2024, 2, 10)),
        (2025, ymd(2025, 1, 29)),
        (2026, ymd(2026, 2, 17)),
        (2027, ymd(2027, 2, 6)),
    ] {
        assert_eq!(lunar::to_solar(lunar(1, 1, year, false)), Some(solar), "Tết {year}");
        assert_eq!(lunar::to_lunar(solar), lunar(1, 1, year, false));
        assert_eq!(lunar::to_lunar(solar.pred_opt().unwrap()).year, year - 1, "giao thừa");
    }
}

#[test]
fn leap_month_six_of_2025() {
    assert_eq!(lunar::to_lunar(ymd(2025, 7, 25)), lunar(1, 6, 2025, true));
    assert_eq!(lunar::to_lunar(ymd(2025, 7, 24)), lunar(30, 6, 2025, false));
    assert_eq!(lunar::to_solar(lunar(1, 6, 2025, true)), Some(ymd(2025, 7, 25)));
    assert_eq!(lunar::to_solar(lunar(1, 6, 2025, false)), Some(ymd(2025, 6, 25)));
    assert_eq!(lunar::to_solar(lunar(1, 6, 2026, true)), None, "2026 has no leap month 6");
    assert_eq!(lunar::to_solar(lunar(1, 5, 2025, true)), None, "only month 6 is leap in 2025");
    // Vu Lan and Trung thu 2025, after the leap month.
    assert_eq!(lunar::to_solar(lunar(15, 7, 2025, false)), Some(ymd(2025, 9, 6)));
    assert_eq!(lunar::to_solar(lunar(15, 8, 2025, false)), Some(ymd(2025, 10, 6)));
}

#[test]
fn day_thirty_falls_back_to_the_last_day() {
    // Lunar month 12 of Ất Tỵ (2025) has 29 days: Tết 2026 is the next day.
    assert_eq!(lunar::to_solar(lunar(30, 12, 2025, false)), None);
    assert_eq!(lunar::observed(30, 12, 2025), Some(ymd(2026, 2, 16)));
    assert_eq!(lunar::observed(29, 12, 2025), Some(ymd(2026, 2, 16)));
    assert_eq!(lunar::to_lunar(ymd(2026, 2, 16)), lunar(29, 12, 2025, false));
    assert_eq!(lunar::observed(31, 1, 2026), None);
    assert_eq!(lunar::observed(1, 13, 2026), None);
}

#[test]
fn a_lunar_birthday_comes_round_each_year() {
    // Sinh nhật 15/8 âm: Trung thu.
    assert_eq!(lunar::next_observed(15, 8, ymd(2026, 1, 1)), Some(ymd(2026, 9, 25)));
    assert_eq!(lunar::next_observed(15, 8, ymd(2026, 9, 25)), Some(ymd(2026, 9, 25)));
    assert_eq!(lunar::next_observed(15, 8, ymd(2026, 9, 26)), Some(ymd(2027, 9, 15)));
    // Before Tết the lunar year is still the old one: 23 tháng Chạp comes first.
    assert_eq!(lunar::next_observed(23, 12, ymd(2026, 1, 5)), Some(ymd(2026, 2, 10)));
}

#[test]
fn occasions_ahead_of_the_shop() {
    let up = lunar::upcoming(ymd(2026, 1, 25), 30);
    let got: Vec<_> = up.iter().map(|o| (o.occasion, o.date, o.days_away)).collect();
    assert_eq!(
        got,
        vec![
            (Occasion::OngCongOngTao, ymd(2026, 2, 10), 16),
            (Occasion::Tet, ymd(2026, 2, 17), 23),
        ],
        "vía Thần Tài (26/02, 32 days away) is beyond the window"
    );
}

#[test]
fn every_day_of_two_centuries_is_a_real_lunar_day_and_back() {
    // Every day, not a sample: the estimate of the month's new moon was a day off on two days
    // of 73,000 (2054-05-07 and 2062-04-09 read as day 0).
    let start = ymd(1900, 1, 1);
    let wrong: Vec<_> = (0..365 * 200)
        .map(|n| start + chrono::Duration::days(n))
        .filter(|d| {
            let l = lunar::to_lunar(*d);
            !(1..=30).contains(&l.day)
                || !(1..=12).contains(&l.month)
                || lunar::to_solar(l) != Some(*d)
        })
        .collect();
    assert!(wrong.is_empty(), "{} days: {:?}", wrong.len(), &wrong[..wrong.len().min(5)]);
    assert_eq!(lunar::to_lunar(ymd(2054, 5, 7)).day, 30);
}

proptest! {
    #[test]
    fn solar_lunar_round_trip(days in 0i64..(365 * 200)) {
        let d = ymd(1900, 1, 1) + chrono::Duration::days(days);
        let l = lunar::to_lunar(d);
        prop_assert!((1..=30).contains(&l.day) && (1..=12).contains(&l.month));
        prop_assert_eq!(lunar::to_solar(l), Some(d));
    }
}
